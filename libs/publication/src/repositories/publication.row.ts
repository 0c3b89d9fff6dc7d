/** A `supply_chain_publication` row without its stored bytes. */
export interface PublicationRow {
  id: string;
  financial_year: string;
  quarter: number;
  revision: number;
  supersedes_id: string | null;
  correction_reason: string | null;
  published_at: Date;
  contracts: number;
  sha256: string;
}

/** A revision to freeze: the package (OCDS JSON) and CSV exactly as they will be served. */
export interface NewPublication {
  financialYear: string;
  quarter: number;
  revision: number;
  supersedesId: string | null;
  correctionReason: string | null;
  publishedAt: Date;
  publishedBy: string;
  contracts: number;
  package: string;
  csv: string;
  sha256: string;
}
