import { divideRounded, percentOf, splitEvenly } from '@mkt/common';
import { achievement, fractionToNumber, outcomePaymentEarned, reportingPeriods, weightedScore } from '@mkt/contracts';
import { CopyValue } from './copy';
import { Order, SeedContext, WORDS_A, WORDS_B, addDaysIso, stage } from './seed-model';

/** Contracts of the accepted orders: terms, measures, reports, payments and the supply chain. */
export async function seedContracts(ctx: SeedContext, orders: Order[]): Promise<void> {
  const { client, rnd, options, counts } = ctx;
  // ---- contracts, their terms, reports, payments and supply chain ----
  const accepted = orders.filter((o) => o.status === 'ACCEPTED');
  const contractRows: CopyValue[][] = [];
  const contractVersionRows: CopyValue[][] = [];
  const measureRows: CopyValue[][] = [];
  const reportRows: CopyValue[][] = [];
  const paymentRows: CopyValue[][] = [];
  const subRows: CopyValue[][] = [];
  const fundingRows: CopyValue[][] = [];
  for (const o of accepted) {
    const contractId = rnd.uuid();
    const outcomePart = percentOf(o.total, o.share);
    const fixedPart = o.total - outcomePart;
    contractRows.push([
      contractId,
      o.id,
      o.offer.providerId,
      o.offer.id,
      o.offer.version,
      o.region,
      o.pdu,
      o.offer.category,
      o.budgetId,
      o.fy,
      o.start,
      o.end,
      o.end < options.today ? 'COMPLETED' : 'ACTIVE',
      1,
      o.total,
      o.share,
      fixedPart,
      outcomePart,
      o.period,
      `${o.start}T10:00:00Z`,
    ]);
    contractVersionRows.push([contractId, 1, `${o.start}T10:00:00Z`, 'seed', 'Created from an accepted order', { json: { value: String(o.total) } }]);
    const measureIds = o.targets.map((t, position) => {
      const id = rnd.uuid();
      measureRows.push([
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
    const periods = reportingPeriods(o.start, o.end, o.period);
    const fixed = splitEvenly(fixedPart, periods.length);
    const outcome = splitEvenly(outcomePart, periods.length);
    let paidToPrime = 0n;
    periods.forEach((p, k) => {
      if (p.start > options.today) return;
      const fixedPaidOn = addDaysIso(p.start, 20) <= options.today ? addDaysIso(p.start, 20) : options.today;
      paymentRows.push([
        rnd.uuid(),
        contractId,
        p.name,
        'FIXED',
        fixed[k],
        fixedPaidOn,
        `FIN-${paymentRows.length + 1}`,
        rnd.uuid(),
        'seed',
        `commissioner-${o.region}-1`,
      ]);
      paidToPrime += fixed[k];
      if (p.end >= options.today) return; // the period's report is not in yet
      const actuals = o.targets.map((t, m) => ({
        measureId: measureIds[m],
        value: Math.min(1, Math.max(0, t.target + (rnd.next() - 0.55) * 0.4)).toFixed(6),
      }));
      const items = o.targets.map((t, m) => ({
        weight: t.weight,
        achievement: achievement(t.direction as 'HIGHER_IS_BETTER', t.baseline, t.target, actuals[m].value),
      }));
      const earned = outcomePaymentEarned(outcome[k], items);
      const score = fractionToNumber(weightedScore(items), 6);
      const reviewedAt = `${addDaysIso(p.end, 10)}T12:00:00Z`;
      reportRows.push([
        rnd.uuid(),
        contractId,
        p.name,
        'APPROVED',
        { json: actuals },
        'Synthetic delivery report',
        'seed-provider',
        `${addDaysIso(p.end, 5)}T12:00:00Z`,
        1,
        `commissioner-${o.region}-1`,
        reviewedAt,
        score,
        earned,
      ]);
      const outcomePaidOn = addDaysIso(p.end, 30);
      if (earned > 0n && outcomePaidOn <= options.today) {
        paymentRows.push([
          rnd.uuid(),
          contractId,
          p.name,
          'OUTCOME',
          earned,
          outcomePaidOn,
          `FIN-${paymentRows.length + 1}`,
          rnd.uuid(),
          'seed',
          `commissioner-${o.region}-2`,
        ]);
        paidToPrime += earned;
      }
    });
    if (paidToPrime > 0n && rnd.chance(0.25)) {
      const tier2 = rnd.uuid();
      const n = 9_700_000 + subRows.length;
      subRows.push([
        tier2,
        contractId,
        null,
        2,
        `GB-CHC-${n}`,
        `${rnd.pick(WORDS_A)}${rnd.pick(WORDS_B)} Partner ${subRows.length + 1} (synthetic)`,
        String(n),
        null,
        'Delivers part of the service locally',
        'seed',
      ]);
      let tier3: string | null = null;
      if (rnd.chance(0.3)) {
        tier3 = rnd.uuid();
        const m = 9_700_000 + subRows.length;
        subRows.push([
          tier3,
          contractId,
          tier2,
          3,
          `GB-CHC-${m}`,
          `${rnd.pick(WORDS_A)} Volunteers ${subRows.length + 1} (synthetic)`,
          String(m),
          null,
          'Volunteer mentoring',
          'seed',
        ]);
      }
      const toTier2 = divideRounded(paidToPrime * BigInt(rnd.int(10, 40)), 100n);
      const quarterOf = (date: string) => Math.floor(((Number(date.slice(5, 7)) + 8) % 12) / 3) + 1;
      fundingRows.push([rnd.uuid(), contractId, tier2, o.fy, quarterOf(o.start), toTier2, 'seed']);
      if (tier3) fundingRows.push([rnd.uuid(), contractId, tier3, o.fy, quarterOf(o.start), toTier2 / 3n, 'seed']);
    }
  }
  counts.contracts = await stage(
    client,
    'contracts',
    'contract',
    [
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
    ],
    contractRows,
  );
  counts.contractVersions = await stage(
    client,
    'contract versions',
    'contract_version',
    ['contract_id', 'version', 'changed_at', 'changed_by', 'reason', 'terms'],
    contractVersionRows,
  );
  counts.outcomeMeasures = await stage(
    client,
    'contract outcome measures',
    'contract_outcome_measure',
    ['id', 'contract_id', 'position', 'measure_code', 'name', 'unit', 'direction', 'baseline', 'target', 'weight'],
    measureRows,
  );
  counts.performanceReports = await stage(
    client,
    'performance reports',
    'performance_report',
    [
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
    ],
    reportRows,
  );
  counts.payments = await stage(
    client,
    'payments',
    'payment',
    ['id', 'contract_id', 'period', 'kind', 'amount_pence', 'paid_on', 'reference', 'idempotency_key', 'request_hash', 'recorded_by'],
    paymentRows,
  );
  counts.subcontractors = await stage(
    client,
    'subcontractors',
    'subcontractor',
    ['id', 'contract_id', 'parent_id', 'tier', 'identifier', 'name', 'charity_number', 'company_number', 'service_summary', 'declared_by'],
    subRows,
  );
  counts.fundingPassedDown = await stage(
    client,
    'funding passed down',
    'funding_passed_down',
    ['id', 'contract_id', 'subcontractor_id', 'financial_year', 'quarter', 'amount_pence', 'reported_by'],
    fundingRows,
  );
}
