import { OrderRow } from '../lib/floor-rows';
import { amount } from '../lib/sql-client';

// A copy, not an import, of the app's libs/ordering/src/services/order.row.ts auditView(mapOrder(row)):
// the bench compiles on its own (bench/tsconfig.json) and the floor stands apart from the app's code.
// Kept in step by hand: a field added to the app's snapshot is added here too.
/** The order's audit snapshot, the same fields as the app's `auditView(mapOrder(row))`. */
export function orderAuditView(row: OrderRow) {
  return {
    id: row.id,
    status: row.status,
    regionCode: row.region_code,
    pduCode: row.pdu_code,
    category: row.category,
    financialYear: row.financial_year,
    quantity: row.quantity,
    unitPrice: amount(row.unit_price_pence),
    total: amount(row.total_pence),
    startDate: row.start_date,
    endDate: row.end_date,
    outcomeTargets: row.outcome_targets,
    outcomeSharePercent: row.outcome_share_percent,
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
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    reason: row.reason,
    offerVersion: row.offer_version,
    offerId: row.offer_id,
    providerId: row.provider_id,
    budgetId: row.budget_id,
    awardJustification: row.award_justification,
    frameworkReference: row.framework_reference,
    approvalLevel: row.approval_level,
    runningTotal: row.running_total_pence == null ? null : amount(row.running_total_pence as string),
    awardFlags: row.award_flags,
    approvalDueAt: row.approval_due_at,
  };
}
