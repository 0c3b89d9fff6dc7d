import { Money, penceFromDb } from '@mkt/common';
import { OutcomeDirection, ServiceCategory } from '@mkt/reference';
import { ContractStatus, PaymentKind, ReportStatus } from '../contracts.enums';
import { ContractOutcomeMeasureView, ContractView, PaymentView, PerformanceReportView } from '../dtos/contract.types';

export interface ContractRow {
  seq: string;
  id: string;
  order_id: string;
  provider_id: string;
  offer_id: string;
  offer_version: number;
  region_code: string;
  pdu_code: string;
  category: ServiceCategory;
  budget_id: string;
  financial_year: string;
  start_date: string;
  end_date: string;
  status: ContractStatus;
  version: number;
  value_pence: string;
  outcome_share_percent: number;
  fixed_part_pence: string;
  outcome_part_pence: string;
  reporting_period: 'MONTHLY' | 'QUARTERLY';
  advance_payment: boolean;
  frozen_periods: { period: string; fixed: string; outcome: string }[];
  /** Absent on a database before ContractSuspensions1764201640000 (the upgrade test drives one). */
  suspensions?: { from: string; to: string }[];
  created_at: Date;
}

export function mapContract(row: ContractRow): ContractView {
  const value = penceFromDb(row.value_pence);
  const fixed = penceFromDb(row.fixed_part_pence);
  const outcome = penceFromDb(row.outcome_part_pence);
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    regionCode: row.region_code,
    pduCode: row.pdu_code,
    category: row.category,
    financialYear: row.financial_year,
    startDate: row.start_date,
    endDate: row.end_date,
    reportingPeriod: row.reporting_period,
    outcomeSharePercent: row.outcome_share_percent,
    advancePayment: row.advance_payment,
    frozenPeriods: (row.frozen_periods ?? []).map((f) => ({ period: f.period, fixed: penceFromDb(f.fixed), outcome: penceFromDb(f.outcome) })),
    suspensions: (row.suspensions ?? []).map((s) => ({ from: s.from, to: s.to })),
    value: Money.of(value),
    fixedPart: Money.of(fixed),
    outcomePart: Money.of(outcome),
    offerVersion: row.offer_version,
    createdAt: row.created_at,
    offerId: row.offer_id,
    providerId: row.provider_id,
    orderId: row.order_id,
    budgetId: row.budget_id,
    valuePence: value,
    fixedPartPence: fixed,
    outcomePartPence: outcome,
  };
}

export interface MeasureRow {
  id: string;
  contract_id: string;
  position: number;
  measure_code: string;
  name: string;
  unit: string;
  direction: OutcomeDirection;
  baseline: string;
  target: string;
  weight: number;
}

export function mapMeasure(row: MeasureRow): ContractOutcomeMeasureView {
  return {
    id: row.id,
    code: row.measure_code,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    baseline: Number(row.baseline),
    target: Number(row.target),
    weight: row.weight,
    baselineText: row.baseline,
    targetText: row.target,
  };
}

export interface StoredActual {
  measureId: string;
  value: string;
  achievement?: number;
}

export interface ReportRow {
  id: string;
  contract_id: string;
  period: string;
  status: ReportStatus;
  actuals: StoredActual[];
  narrative: string;
  submitted_by: string;
  submitted_at: Date;
  submissions: number;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  return_reason: string | null;
  score: string | null;
  outcome_earned_pence: string | null;
}

export function mapReport(row: ReportRow): PerformanceReportView {
  return {
    id: row.id,
    contractId: row.contract_id,
    period: row.period,
    status: row.status,
    actuals: row.actuals.map((a) => ({ measureId: a.measureId, value: Number(a.value), achievement: a.achievement ?? null })),
    narrative: row.narrative,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    submissions: row.submissions,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    returnReason: row.return_reason,
    score: row.score === null ? null : Number(row.score),
    outcomeEarned: row.outcome_earned_pence === null ? null : Money.of(penceFromDb(row.outcome_earned_pence)),
  };
}

export interface PaymentRow {
  id: string;
  contract_id: string;
  period: string;
  kind: PaymentKind;
  amount_pence: string;
  paid_on: string;
  reference: string;
  idempotency_key: string;
  request_hash: string;
  recorded_by: string;
  recorded_at: Date;
  reverses_payment_id: string | null;
  reason: string | null;
}

export function mapPayment(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    contractId: row.contract_id,
    period: row.period,
    kind: row.kind,
    amount: Money.of(penceFromDb(row.amount_pence)),
    paidOn: row.paid_on,
    reference: row.reference,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    reversesPaymentId: row.reverses_payment_id,
    reason: row.reason,
  };
}
