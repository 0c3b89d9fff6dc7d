import { SeedRun } from '@mkt/database';
import { periodAllowances } from '../rules/contract-terms';
import { achievement, fractionToNumber, outcomePaymentEarned, weightedScore } from '../rules/outcome-payment';
import { reportingPeriods } from '../rules/reporting-periods';
import { addDaysIso, ContractSeedRows, paymentRow, SeedAwardedOrder } from './seed-contract-rows';

interface PeriodTerms {
  contractId: string;
  order: SeedAwardedOrder;
  measureIds: string[];
  name: string;
  start: string;
  end: string;
  fixed: bigint;
  outcome: bigint;
}

/** The period's approved report, scored by the app's own outcome payment rule; returns what it earned. */
function reportPeriod(run: SeedRun, rows: ContractSeedRows, terms: PeriodTerms): bigint {
  const { rnd } = run;
  const { order: o } = terms;
  const actuals = o.targets.map((t, m) => ({
    measureId: terms.measureIds[m],
    value: Math.min(1, Math.max(0, t.target + (rnd.next() - 0.55) * 0.4)).toFixed(6),
  }));
  const items = o.targets.map((t, m) => ({
    weight: t.weight,
    achievement: achievement(t.direction as 'HIGHER_IS_BETTER', t.baseline, t.target, actuals[m].value),
  }));
  const earned = outcomePaymentEarned(terms.outcome, items);
  const score = fractionToNumber(weightedScore(items), 6);
  rows.reports.push([
    rnd.uuid(),
    terms.contractId,
    terms.name,
    'APPROVED',
    { json: actuals },
    'Synthetic delivery report',
    'seed-provider',
    `${addDaysIso(terms.end, 5)}T12:00:00Z`,
    1,
    `commissioner-${o.region}-1`,
    `${addDaysIso(terms.end, 10)}T12:00:00Z`,
    score,
    earned,
  ]);
  return earned;
}

/**
 * One period that has ended by the run's date: its fixed instalment (in arrears, as the app's rule
 * requires: rules/arrears), its report and outcome payment; returns what was paid.
 */
function payPeriod(run: SeedRun, rows: ContractSeedRows, terms: PeriodTerms): bigint {
  const { today } = run;
  const { contractId, order: o } = terms;
  if (terms.end >= today) return 0n; // nothing is paid before the period's last day; its report is not in yet
  const fixedPaidOn = addDaysIso(terms.end, 10) <= today ? addDaysIso(terms.end, 10) : today;
  paymentRow(run, rows, contractId, terms.name, 'FIXED', terms.fixed, fixedPaidOn, `commissioner-${o.region}-1`);
  const earned = reportPeriod(run, rows, terms);
  const outcomePaidOn = addDaysIso(terms.end, 30);
  if (earned > 0n && outcomePaidOn <= today) {
    paymentRow(run, rows, contractId, terms.name, 'OUTCOME', earned, outcomePaidOn, `commissioner-${o.region}-2`);
    return terms.fixed + earned;
  }
  return terms.fixed;
}

/** Reports and payments of every period that has ended by the run's date; returns what the prime provider was paid. */
export function seedContractPeriods(
  run: SeedRun,
  rows: ContractSeedRows,
  contractId: string,
  o: SeedAwardedOrder,
  measureIds: string[],
  fixedPart: bigint,
  outcomePart: bigint,
): bigint {
  const periods = reportingPeriods(o.start, o.end, o.period);
  const allowances = periodAllowances({ fixedPart, outcomePart }, periods, { startDate: o.start, endDate: o.end });
  let paidToPrime = 0n;
  periods.forEach((p, k) => {
    if (p.start > run.today) return;
    paidToPrime += payPeriod(run, rows, {
      contractId,
      order: o,
      measureIds,
      name: p.name,
      start: p.start,
      end: p.end,
      fixed: allowances[k].fixedDue,
      outcome: allowances[k].outcomeAvailable,
    });
  });
  return paidToPrime;
}
