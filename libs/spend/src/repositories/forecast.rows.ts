/** The budget pots of one region and financial year, summed (pence as text). */
export interface OutturnRow {
  region_code: string;
  financial_year: string;
  allocated: string;
  reserved: string;
  committed: string;
  paid: string;
  released: string;
}
