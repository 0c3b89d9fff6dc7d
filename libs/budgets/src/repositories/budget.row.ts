import { Money, penceFromDb } from '@mkt/common';
import { ServiceCategory } from '@mkt/reference';
import { BudgetView } from '../dtos/budget.types';

/** A `budget` row as PostgreSQL returns it (bigint pence as text). */
export interface BudgetRow {
  id: string;
  region_code: string;
  financial_year: string;
  category: ServiceCategory | null;
  allocated_pence: string;
  reserved_pence: string;
  committed_pence: string;
  indicative: boolean;
  paid_pence: string;
  released_pence: string;
}

/** Which pot: a region's general pot for a year (category null) or one of its category pots. */
export interface PotKey {
  regionCode: string;
  financialYear: string;
  category: string | null;
}

export function mapBudget(row: BudgetRow): BudgetView {
  const allocated = penceFromDb(row.allocated_pence);
  const reserved = penceFromDb(row.reserved_pence);
  const committed = penceFromDb(row.committed_pence);
  return {
    id: row.id,
    regionCode: row.region_code,
    financialYear: row.financial_year,
    category: row.category,
    allocated: Money.of(allocated),
    reserved: Money.of(reserved),
    committed: Money.of(committed),
    remaining: Money.of(allocated - reserved - committed),
    indicative: row.indicative,
    paid: Money.of(penceFromDb(row.paid_pence)),
    released: Money.of(penceFromDb(row.released_pence)),
  };
}
