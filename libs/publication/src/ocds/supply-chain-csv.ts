import { csvLine, CsvValue, formatPence } from '@mkt/common';
import { ocdsContractStatus } from './release-package';
import { PublicationMeta, SnapshotContract, SnapshotSubcontractor, SupplyChainSnapshot } from './snapshot';

/**
 * The flat table of a snapshot: one line per organisation per contract (the prime provider, then
 * each subcontractor), amounts in pounds with two decimals. Figures "in quarter" are for the
 * published quarter; "to date" up to its end.
 */
const SUPPLY_CHAIN_CSV_COLUMNS = [
  'financialYear',
  'quarter',
  'revision',
  'ocid',
  'contractId',
  'regionCode',
  'pduCode',
  'category',
  'serviceTitle',
  'contractStart',
  'contractEnd',
  'contractStatus',
  'contractValue',
  'paidInQuarter',
  'paidToDate',
  'role',
  'tier',
  'organisationIdentifier',
  'organisationName',
  'charityNumber',
  'companyNumber',
  'subcontractedBy',
  'serviceSummary',
  'fundingPassedDownInQuarter',
  'fundingPassedDownToDate',
  'outcomeContributionsInQuarter',
];

export function supplyChainCsv(snapshot: SupplyChainSnapshot, meta: PublicationMeta): string {
  const lines = [csvLine(SUPPLY_CHAIN_CSV_COLUMNS)];
  for (const c of snapshot.contracts) lines.push(...contractLines(snapshot, meta, c));
  return lines.join('');
}

function contractLines(snapshot: SupplyChainSnapshot, meta: PublicationMeta, c: SnapshotContract): string[] {
  const inQuarter = (date: string) => date >= snapshot.quarterStart && date <= snapshot.quarterEnd;
  const code = new Map(c.measures.map((m) => [m.id, m.code]));
  const common = [
    snapshot.financialYear,
    snapshot.quarter,
    meta.revision,
    `${meta.ocidPrefix}-${c.id}`,
    c.id,
    c.regionCode,
    c.pduCode,
    c.category,
    c.serviceTitle,
    c.startDate,
    c.endDate,
    ocdsContractStatus(c.status),
    formatPence(c.valuePence),
    formatPence(c.payments.filter((p) => inQuarter(p.paidOn)).reduce((s, p) => s + p.amountPence, 0n)),
    formatPence(c.payments.reduce((s, p) => s + p.amountPence, 0n)),
  ];
  const primeOutcomes = c.reports
    .filter((r) => inQuarter(r.startDate))
    .flatMap((r) => r.actuals.map((a) => `${code.get(a.measureId)} ${r.period}: ${Number(a.value)}`))
    .join('; ');
  const lines = [
    csvLine([
      ...common,
      'prime',
      1,
      c.provider.identifier,
      c.provider.name,
      c.provider.charityNumber,
      c.provider.companyNumber,
      '',
      c.serviceSummary,
      '',
      '',
      primeOutcomes,
    ]),
  ];
  const byId = new Map(c.subcontractors.map((s) => [s.id, s]));
  for (const s of c.subcontractors) {
    const mainContractor = s.parentId ? byId.get(s.parentId)?.identifier : c.provider.identifier;
    lines.push(subcontractorLine(snapshot, common, s, mainContractor, code));
  }
  return lines;
}

/** A subcontractor's line: funding passed down to it (this quarter and to date) and its contributions this quarter. */
function subcontractorLine(
  snapshot: SupplyChainSnapshot,
  common: CsvValue[],
  s: SnapshotSubcontractor,
  mainContractor: string | undefined,
  code: Map<string, string>,
): string {
  const due = s.funding.filter(
    (f) => f.financialYear < snapshot.financialYear || (f.financialYear === snapshot.financialYear && f.quarter <= snapshot.quarter),
  );
  const thisQuarter = (x: { financialYear: string; quarter: number }) => x.financialYear === snapshot.financialYear && x.quarter === snapshot.quarter;
  return csvLine([
    ...common,
    'subcontractor',
    s.tier,
    s.identifier,
    s.name,
    s.charityNumber,
    s.companyNumber,
    mainContractor,
    s.serviceSummary,
    formatPence(due.filter(thisQuarter).reduce((sum, f) => sum + f.amountPence, 0n)),
    formatPence(due.reduce((sum, f) => sum + f.amountPence, 0n)),
    s.contributions
      .filter(thisQuarter)
      .map((x) => `${code.get(x.measureId)}: ${Number(x.value)}`)
      .join('; '),
  ]);
}
