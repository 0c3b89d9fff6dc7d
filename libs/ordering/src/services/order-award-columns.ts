import { AwardRationale } from '../ordering.enums';
import { NewOrderRow } from '../repositories/order.row';
import { type AwardAssessment, type AwardTerms } from './order-award';

/** The award terms of a normalised placement. */
export function awardTerms(p: {
  awardRationale: AwardRationale;
  awardJustification?: string;
  frameworkReference?: string;
  startDate: string;
  conflictOfInterestDeclared: boolean;
}): AwardTerms {
  return {
    route: p.awardRationale,
    justification: p.awardJustification ?? null,
    frameworkReference: p.frameworkReference ?? null,
    startDate: p.startDate,
    conflictOfInterestDeclared: p.conflictOfInterestDeclared,
  };
}

/** The award record a new order is written with. */
export function awardColumns(
  p: { awardJustification?: string; frameworkReference?: string },
  award: AwardAssessment,
  approvalDueAt: Date | null,
): Pick<NewOrderRow, 'award_justification' | 'framework_reference' | 'approval_level' | 'running_total_pence' | 'award_flags' | 'approval_due_at'> {
  return {
    award_justification: p.awardJustification ?? null,
    framework_reference: p.frameworkReference ?? null,
    approval_level: award.approvalLevel,
    running_total_pence: award.runningTotalPence.toString(),
    award_flags: award.flags,
    approval_due_at: approvalDueAt,
  };
}
