import { Money, penceFromDb } from '@mkt/common';
import { ContributionView, FundingPassedDownView, SubcontractorView } from '../dtos/contract.types';

export interface SubcontractorRow {
  id: string;
  contract_id: string;
  parent_id: string | null;
  tier: number;
  identifier: string;
  name: string;
  charity_number: string | null;
  company_number: string | null;
  service_summary: string;
}

export interface FundingRow {
  subcontractor_id: string;
  financial_year: string;
  quarter: number;
  amount_pence: string;
}

export interface ContributionRow {
  subcontractor_id: string;
  measure_id: string;
  financial_year: string;
  quarter: number;
  value: string;
}

/** Money passed down so far to one subcontractor, with its place in the chain. */
export interface FundingTotalRow {
  subcontractor_id: string;
  tier: number;
  parent_id: string | null;
  total: string;
}

export function mapSubcontractor(row: SubcontractorRow, funding: FundingRow[], contributions: ContributionRow[]): SubcontractorView {
  const fundingViews: FundingPassedDownView[] = funding.map((f) => ({
    financialYear: f.financial_year,
    quarter: f.quarter,
    amount: Money.of(penceFromDb(f.amount_pence)),
  }));
  const contributionViews: ContributionView[] = contributions.map((c) => ({
    measureId: c.measure_id,
    financialYear: c.financial_year,
    quarter: c.quarter,
    value: Number(c.value),
  }));
  return {
    id: row.id,
    contractId: row.contract_id,
    tier: row.tier,
    parentId: row.parent_id,
    identifier: row.identifier,
    name: row.name,
    charityNumber: row.charity_number,
    companyNumber: row.company_number,
    serviceSummary: row.service_summary,
    fundingPassedDown: fundingViews,
    totalFundingPassedDown: Money.of(funding.reduce((s, f) => s + penceFromDb(f.amount_pence), 0n)),
    contributions: contributionViews,
  };
}
