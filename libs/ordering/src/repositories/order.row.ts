import { Money, penceFromDb } from '@mkt/common';
import { ServiceCategory } from '@mkt/reference';
import { OrderView, OutcomeTargetView } from '../dtos/order.types';
import { AwardRationale, OrderStatus, OutcomeTargetKind, ReportingPeriod } from '../ordering.enums';
import { ApprovalLevel, AwardFlag } from '../award.enums';

/** A `service_order` row as PostgreSQL returns it (bigint pence as text). */
export interface OrderRow {
  seq: string;
  id: string;
  status: OrderStatus;
  offer_id: string;
  offer_version: number;
  provider_id: string;
  region_code: string;
  pdu_code: string;
  category: ServiceCategory;
  budget_id: string;
  financial_year: string;
  quantity: number;
  unit_price_pence: string;
  total_pence: string;
  start_date: string;
  end_date: string;
  outcome_targets: OutcomeTargetView[];
  outcome_share_percent: number;
  advance_payment: boolean;
  reporting_period: ReportingPeriod;
  award_rationale: AwardRationale;
  conflict_of_interest_declared: boolean;
  note: string | null;
  placed_by: string;
  idempotency_key: string;
  request_hash: string;
  approved_by: string | null;
  approved_at: Date | null;
  sent_at: Date | null;
  response_due_at: Date | null;
  answered_by: string | null;
  answered_at: Date | null;
  reason: string | null;
  placed_at: Date;
  award_justification: string | null;
  framework_reference: string | null;
  approval_level: ApprovalLevel;
  running_total_pence: string | null;
  award_flags: AwardFlag[];
  approval_due_at: Date | null;
}

export function mapOrder(row: OrderRow): OrderView {
  const total = penceFromDb(row.total_pence);
  return {
    id: row.id,
    status: row.status,
    regionCode: row.region_code,
    pduCode: row.pdu_code,
    category: row.category,
    financialYear: row.financial_year,
    quantity: row.quantity,
    unitPrice: Money.of(penceFromDb(row.unit_price_pence)),
    total: Money.of(total),
    startDate: row.start_date,
    endDate: row.end_date,
    outcomeTargets: row.outcome_targets.map((t) => ({ ...t, kind: t.kind ?? OutcomeTargetKind.IMPROVE })),
    outcomeSharePercent: row.outcome_share_percent,
    advancePayment: row.advance_payment,
    reportingPeriod: row.reporting_period,
    awardRationale: row.award_rationale,
    conflictOfInterestDeclared: row.conflict_of_interest_declared,
    note: row.note,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    sentAt: row.sent_at,
    responseDueAt: row.response_due_at,
    awardJustification: row.award_justification,
    frameworkReference: row.framework_reference,
    approvalLevel: row.approval_level,
    runningTotal: row.running_total_pence === null ? null : Money.of(penceFromDb(row.running_total_pence)),
    awardFlags: row.award_flags,
    approvalDueAt: row.approval_due_at,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    reason: row.reason,
    offerVersion: row.offer_version,
    offerId: row.offer_id,
    providerId: row.provider_id,
    budgetId: row.budget_id,
    totalPence: total,
  };
}

/** The columns a new order is written with (the rest take their defaults). */
export type NewOrderRow = Omit<
  OrderRow,
  | 'seq'
  | 'id'
  | 'approved_by'
  | 'approved_at'
  | 'answered_by'
  | 'answered_at'
  | 'reason'
  | 'outcome_targets'
  | 'unit_price_pence'
  | 'total_pence'
  | 'running_total_pence'
> & { outcome_targets: string; unit_price_pence: string; total_pence: string; running_total_pence: string };

/** The audit trail records the order's terms, including the award record (rationale, conflict of interest). */
export function auditView(order: OrderView) {
  const { totalPence: _t, ...rest } = order;
  return { ...rest, unitPrice: order.unitPrice.amount, total: order.total.amount, runningTotal: order.runningTotal?.amount ?? null };
}
