import { EntityManager } from 'typeorm';
import { financialQuarterRange, penceFromDb } from '@mkt/common';
import { SnapshotContract, SnapshotSubcontractor, SupplyChainSnapshot } from '../ocds/snapshot';
import { SupplyChainViewsRepository } from '../repositories/supply-chain-views.repository';
import { ContractRow, SnapshotRows, SubcontractorRow } from '../repositories/supply-chain-views.rows';

/** First and last day of a reporting period: "2026-27-Q1" or "2026-04". */
function periodRange(period: string): { start: string; end: string } {
  const quarterly = /^(\d{4}-\d{2})-Q([1-4])$/.exec(period);
  if (quarterly) return financialQuarterRange(quarterly[1], Number(quarterly[2]));
  const [year, month] = period.split('-').map(Number);
  return { start: `${period}-01`, end: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
}

/**
 * Reads a quarter's supply chain through the publication views (supply_chain_*_v), which the
 * owning modules publish: every contract active in the quarter, with what happened up to its end.
 */
export async function readSupplyChainSnapshot(
  views: SupplyChainViewsRepository,
  em: EntityManager,
  financialYear: string,
  quarter: number,
): Promise<SupplyChainSnapshot> {
  const { start, end } = financialQuarterRange(financialYear, quarter);
  const contracts = await views.activeContracts(em, start, end);
  const ids = contracts.map((c) => c.contract_id);
  const rows = await views.snapshotRows(em, ids, end, financialYear, quarter);
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
