import { percentOf } from '@mkt/common';
import { copyStage, SeedRun } from '@mkt/database';
import { ContractSeedRows, emptyContractSeedRows, SeedAwardedOrder } from './seed-contract-rows';
import { seedContractPeriods } from './seed-contract-periods';
import { seedSupplyChain } from './seed-supply-chain';

const CONTRACT_COLUMNS = [
  'id',
  'order_id',
  'provider_id',
  'offer_id',
  'offer_version',
  'region_code',
  'pdu_code',
  'category',
  'budget_id',
  'financial_year',
  'start_date',
  'end_date',
  'status',
  'version',
  'value_pence',
  'outcome_share_percent',
  'fixed_part_pence',
  'outcome_part_pence',
  'reporting_period',
  'created_at',
];
const REPORT_COLUMNS = [
  'id',
  'contract_id',
  'period',
  'status',
  'actuals',
  'narrative',
  'submitted_by',
  'submitted_at',
  'submissions',
  'reviewed_by',
  'reviewed_at',
  'score',
  'outcome_earned_pence',
];

/** The contract of one accepted order, with its first terms, outcome measures, periods and supply chain. */
function seedContract(run: SeedRun, rows: ContractSeedRows, o: SeedAwardedOrder): void {
  const contractId = run.rnd.uuid();
  const outcomePart = percentOf(o.total, o.share);
  const fixedPart = o.total - outcomePart;
  const { offer } = o;
  const status = o.end < run.today ? 'COMPLETED' : 'ACTIVE';
  const createdAt = `${o.start}T10:00:00Z`;
  rows.contracts.push([
    contractId,
    o.id,
    offer.providerId,
    offer.id,
    offer.version,
    o.region,
    o.pdu,
    offer.category,
    o.budgetId,
    o.fy,
    o.start,
    o.end,
    status,
    1,
    o.total,
    o.share,
    fixedPart,
    outcomePart,
    o.period,
    createdAt,
  ]);
  rows.versions.push([contractId, 1, createdAt, 'seed', 'Created from an accepted order', { json: { value: String(o.total) } }]);
  const measureIds = o.targets.map((t, position) => {
    const id = run.rnd.uuid();
    rows.measures.push([
      id,
      contractId,
      position + 1,
      t.measureCode,
      t.measureName,
      t.unit,
      t.direction,
      t.baseline.toFixed(6),
      t.target.toFixed(6),
      t.weight,
    ]);
    return id;
  });
  const paidToPrime = seedContractPeriods(run, rows, contractId, o, measureIds, fixedPart, outcomePart);
  seedSupplyChain(run, rows, contractId, o, paidToPrime);
}

async function writeContractRows(run: SeedRun, rows: ContractSeedRows): Promise<void> {
  const { client, counts } = run;
  counts.contracts = await copyStage(client, 'contracts', 'contract', CONTRACT_COLUMNS, rows.contracts);
  const versionColumns = ['contract_id', 'version', 'changed_at', 'changed_by', 'reason', 'terms'];
  counts.contractVersions = await copyStage(client, 'contract versions', 'contract_version', versionColumns, rows.versions);
  const measureColumns = ['id', 'contract_id', 'position', 'measure_code', 'name', 'unit', 'direction', 'baseline', 'target', 'weight'];
  counts.outcomeMeasures = await copyStage(client, 'contract outcome measures', 'contract_outcome_measure', measureColumns, rows.measures);
  counts.performanceReports = await copyStage(client, 'performance reports', 'performance_report', REPORT_COLUMNS, rows.reports);
  const paymentColumns = [
    'id',
    'contract_id',
    'period',
    'kind',
    'amount_pence',
    'paid_on',
    'reference',
    'idempotency_key',
    'request_hash',
    'recorded_by',
  ];
  counts.payments = await copyStage(client, 'payments', 'payment', paymentColumns, rows.payments);
  const subcontractorColumns = [
    'id',
    'contract_id',
    'parent_id',
    'tier',
    'identifier',
    'name',
    'charity_number',
    'company_number',
    'service_summary',
    'declared_by',
  ];
  counts.subcontractors = await copyStage(client, 'subcontractors', 'subcontractor', subcontractorColumns, rows.subcontractors);
  const fundingColumns = ['id', 'contract_id', 'subcontractor_id', 'financial_year', 'quarter', 'amount_pence', 'reported_by'];
  counts.fundingPassedDown = await copyStage(client, 'funding passed down', 'funding_passed_down', fundingColumns, rows.funding);
}

/**
 * Contracts of the accepted orders: terms, measures, reports, payments and the supply chain. Money
 * follows the app's own rules (value split, instalments, the outcome payment rule), so reports
 * reconcile exactly as they do for data entered through the API.
 */
export async function seedContracts(run: SeedRun, accepted: SeedAwardedOrder[]): Promise<void> {
  const rows = emptyContractSeedRows();
  for (const o of accepted) seedContract(run, rows, o);
  await writeContractRows(run, rows);
}
