import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import { isFinancialYear } from '@mkt/common';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { SupplyChainPublicationView } from '../dtos/publication.types';
import { PublicationException } from '../publication.exception';
import { SupplyChainPublicationService } from '../services/supply-chain-publication.service';

@Resolver()
export class PublicationResolver {
  constructor(private readonly publications: SupplyChainPublicationService) {}

  @Mutation(() => SupplyChainPublicationView, {
    description:
      'Freezes the supply chain of every contract active in an ended quarter and publishes it (OCDS and CSV, no login needed). ' +
      'Publishing a quarter again is a correction: it needs a correctionReason and supersedes the previous revision.',
  })
  @Access(Role.DIRECTORATE)
  publishSupplyChain(
    @CurrentPrincipal() actor: Principal,
    @Args('financialYear') financialYear: string,
    @Args('quarter', { type: () => Int }) quarter: number,
    @Args('correctionReason', { type: () => String, nullable: true }) correctionReason?: string,
  ): Promise<SupplyChainPublicationView> {
    if (!isFinancialYear(financialYear)) throw PublicationException.badInput('financialYear', 'must be a financial year written like 2026-27');
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw PublicationException.badInput('quarter', 'must be 1 to 4');
    if (correctionReason !== undefined && correctionReason !== null && (correctionReason.trim().length < 3 || correctionReason.length > 2000)) {
      throw PublicationException.badInput('correctionReason', 'must be 3 to 2000 characters');
    }
    return this.publications.publish(actor, financialYear, quarter, correctionReason ?? undefined);
  }
}
