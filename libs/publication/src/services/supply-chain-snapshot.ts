import { EntityManager } from 'typeorm';
import { financialQuarterRange, penceFromDb } from '@mkt/common';
import { queryRows } from '@mkt/database';
import { SnapshotContract, SnapshotSubcontractor, SupplyChainSnapshot } from '../ocds/snapshot';

/**
 * Reads a quarter's supply chain through the publication views (supply_chain_*_v), which the
 * owning modules publish: every contract active in the quarter, with what happened up to its end.
 */
interface ContractRow {
  contract_id: string;
  order_id: string;
  region_code: string;
  region_name: string;
  pdu_code: string;
  pdu_name: string;
  category: string;
  start_date: string;
  end_date: string;
  status: string;
  value_pence: string;
  reporting_period: string;
  awarded_at: Date;
  provider_identifier: string;
  provider_name: string;
  provider_charity_number: string | null;
  provider_company_number: string | null;
  service_title: string;
  service_summary: string;
  pricing_unit: string;
  unit_price_pence: string;
  quantity: number;
}
interface MeasureRow {
  measure_id: string;
  contract_id: string;
  measure_code: string;
  name: string;
  unit: string;
  direction: string;
  baseline: string;
  target: string;
  weight: number;
}
interface ReportRow {
  contract_id: string;
  period: string;
  actuals: { measureId: string; value: string }[];
}
interface PaymentRow {
  payment_id: string;
  contract_id: string;
  period: string;
  kind: 'FIXED' | 'OUTCOME';
  amount_pence: string;
  paid_on: string;
}
interface SubcontractorRow {
  subcontractor_id: string;
  contract_id: string;
  parent_id: string | null;
  tier: number;
  identifier: string;
  name: string;
  charity_number: string | null;
  company_number: string | null;
  service_summary: string;
}
interface FundingRow {
  subcontractor_id: string;
  financial_year: string;
  quarter: number;
  amount_pence: string;
}
interface ContributionRow {
  subcontractor_id: string;
  measure_id: string;
  financial_year: string;
  quarter: number;
  value: string;
}

interface SnapshotRows {
  measures: MeasureRow[];
  reports: ReportRow[];
  payments: PaymentRow[];
  subs: SubcontractorRow[];
  funding: FundingRow[];
  contributions: ContributionRow[];
}

/** First and last day of a reporting period: "2026-27-Q1" or "2026-04". */
function periodRange(period: string): { start: string; end: string } {
  const quarterly = /^(\d{4}-\d{2})-Q([1-4])$/.exec(period);
  if (quarterly) return financialQuarterRange(quarterly[1], Number(quarterly[2]));
  const [year, month] = period.split('-').map(Number);
  return { start: `${period}-01`, end: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
}

export async function readSupplyChainSnapshot(em: EntityManager, financialYear: string, quarter: number): Promise<SupplyChainSnapshot> {
  const { start, end } = financialQuarterRange(financialYear, quarter);
  const contracts = await queryRows<ContractRow>(em, 'SELECT * FROM supply_chain_contract_v WHERE start_date <= $2 AND end_date >= $1 ORDER BY seq', [
    start,
    end,
  ]);
  const ids = contracts.map((c) => c.contract_id);
  // One after another: the snapshot runs in one transaction (one connection), and pg deprecates queueing on it.
  const measures = await queryRows<MeasureRow>(
    em,
    'SELECT * FROM supply_chain_measure_v WHERE contract_id = ANY($1) ORDER BY contract_id, position',
    [ids],
  );
  const reports = await queryRows<ReportRow>(em, 'SELECT * FROM supply_chain_report_v WHERE contract_id = ANY($1) ORDER BY period', [ids]);
  const payments = await queryRows<PaymentRow>(
    em,
    'SELECT * FROM supply_chain_payment_v WHERE contract_id = ANY($1) AND paid_on <= $2 ORDER BY seq',
    [ids, end],
  );
  const subs = await queryRows<SubcontractorRow>(em, 'SELECT * FROM supply_chain_subcontractor_v WHERE contract_id = ANY($1) ORDER BY tier, seq', [
    ids,
  ]);
  const subIds = subs.map((s) => s.subcontractor_id);
  const funding = await queryRows<FundingRow>(
    em,
    'SELECT * FROM supply_chain_funding_v WHERE subcontractor_id = ANY($1) AND (financial_year, quarter) <= ($2, $3) ORDER BY financial_year, quarter',
    [subIds, financialYear, quarter],
  );
  const contributions = await queryRows<ContributionRow>(
    em,
    'SELECT * FROM supply_chain_contribution_v WHERE subcontractor_id = ANY($1) AND (financial_year, quarter) <= ($2, $3) ORDER BY financial_year, quarter, measure_id',
    [subIds, financialYear, quarter],
  );
  const rows: SnapshotRows = { measures, reports, payments, subs, funding, contributions };
  return { financialYear, quarter, quarterStart: start, quarterEnd: end, contracts: contracts.map((c) => snapshotContract(c, rows, end)) };
}

function snapshotContract(c: ContractRow, rows: SnapshotRows, quarterEnd: string): SnapshotContract {
  return {
    id: c.contract_id,
    orderId: c.order_id,
    regionCode: c.region_code,
    regionName: c.region_name,
    pduCode: c.pdu_code,
    pduName: c.pdu_name,
    category: c.category,
    startDate: c.start_date,
    endDate: c.end_date,
    status: c.status,
    valuePence: penceFromDb(c.value_pence),
    reportingPeriod: c.reporting_period,
    awardedAt: c.awarded_at,
    serviceTitle: c.service_title,
    serviceSummary: c.service_summary,
    pricingUnit: c.pricing_unit,
    unitPricePence: penceFromDb(c.unit_price_pence),
    quantity: c.quantity,
    provider: {
      identifier: c.provider_identifier,
      name: c.provider_name,
      charityNumber: c.provider_charity_number,
      companyNumber: c.provider_company_number,
    },
    measures: rows.measures
      .filter((m) => m.contract_id === c.contract_id)
      .map((m) => ({
        id: m.measure_id,
        code: m.measure_code,
        name: m.name,
        unit: m.unit,
        direction: m.direction,
        baseline: m.baseline,
        target: m.target,
        weight: m.weight,
      })),
    reports: rows.reports
      .filter((r) => r.contract_id === c.contract_id)
      .map((r) => ({ ...r, ...periodRange(r.period) }))
      .filter((r) => r.end <= quarterEnd)
      .map((r) => ({
        period: r.period,
        startDate: r.start,
        endDate: r.end,
        actuals: r.actuals.map((a) => ({ measureId: a.measureId, value: String(a.value) })),
      })),
    payments: rows.payments
      .filter((p) => p.contract_id === c.contract_id)
      .map((p) => ({ id: p.payment_id, period: p.period, kind: p.kind, amountPence: penceFromDb(p.amount_pence), paidOn: p.paid_on })),
    subcontractors: rows.subs.filter((s) => s.contract_id === c.contract_id).map((s) => snapshotSubcontractor(s, rows)),
  };
}

function snapshotSubcontractor(s: SubcontractorRow, rows: SnapshotRows): SnapshotSubcontractor {
  return {
    id: s.subcontractor_id,
    tier: s.tier as 2 | 3,
    parentId: s.parent_id,
    identifier: s.identifier,
    name: s.name,
    charityNumber: s.charity_number,
    companyNumber: s.company_number,
    serviceSummary: s.service_summary,
    funding: rows.funding
      .filter((f) => f.subcontractor_id === s.subcontractor_id)
      .map((f) => ({ financialYear: f.financial_year, quarter: f.quarter, amountPence: penceFromDb(f.amount_pence) })),
    contributions: rows.contributions
      .filter((x) => x.subcontractor_id === s.subcontractor_id)
      .map((x) => ({ measureId: x.measure_id, financialYear: x.financial_year, quarter: x.quarter, value: x.value })),
  };
}
