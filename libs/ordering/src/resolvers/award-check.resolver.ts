import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { AwardCheckInput, AwardCheckView } from '../dtos/award.dtos';
import { AwardCheckService } from '../services/award-check.service';

@Resolver(() => AwardCheckView)
export class AwardCheckResolver {
  constructor(private readonly service: AwardCheckService) {}

  @Query(() => AwardCheckView, {
    description: "An order's running total, flags, approval level and any refusal before it is placed (a commissioner of the PDU's region).",
  })
  @Access(Role.COMMISSIONER)
  awardCheck(@CurrentPrincipal() actor: Principal, @Args('input') input: AwardCheckInput): Promise<AwardCheckView> {
    return this.service.check(actor, input);
  }
}
