import { Injectable } from '@nestjs/common';
import { contractPeriodProblem, financialYearOf, Money, parsePence } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
import { AwardCheckInput, AwardCheckView } from '../dtos/award.dtos';
import { AwardRationale } from '../ordering.enums';
import { OrderingException } from '../ordering.exception';
import { orderTotal } from '../rules/order-terms';
import { OrderAwardService } from './order-award';
import { OrderableService } from './orderable.service';

/** "Flagged before it is placed": what placeOrder would meet for these terms, with nothing written. */
@Injectable()
export class AwardCheckService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly orderable: OrderableService,
    private readonly award: OrderAwardService,
  ) {}

  check(actor: Principal, input: AwardCheckInput): Promise<AwardCheckView> {
    const pdu = this.orderable.pdu(actor, input.pduCode);
    const periodProblem = contractPeriodProblem(input.startDate, input.endDate);
    if (periodProblem) throw OrderingException.badInput('endDate', periodProblem);
    // On the primary (a replica may lag behind an order just placed), in a transaction that writes nothing.
    return this.db.run(async (em) => {
      const offer = await this.orderable.offer(em, input.offerId.toLowerCase(), pdu);
      const total = orderTotal(offer.pricingUnit, parsePence(offer.unitPrice.amount), input.quantity);
      const key = {
        providerId: offer.providerId,
        category: offer.category,
        regionCode: pdu.regionCode,
        financialYear: financialYearOf(input.startDate),
      };
      const assessment = await this.award.assess(em, key, total, {
        route: input.awardRationale ?? AwardRationale.LIGHT_TOUCH_DIRECT_AWARD,
        justification: input.awardJustification ?? null,
        frameworkReference: input.frameworkReference ?? null,
        startDate: input.startDate,
        conflictOfInterestDeclared: input.conflictOfInterestDeclared ?? false,
      });
      return {
        runningTotal: Money.of(assessment.runningTotalPence),
        total: Money.of(total),
        flags: assessment.flags,
        approvalLevel: assessment.approvalLevel,
        refusal: assessment.refusal?.message ?? null,
        refusalCode: assessment.refusal?.code ?? null,
      };
    });
  }
}
