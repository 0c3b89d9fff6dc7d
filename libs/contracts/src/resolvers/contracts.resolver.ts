import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommonException, ConnectionArgs, isFieldRequested, Money, penceFromDb, RequestLoaders, UuidPipe } from '@mkt/common';
import { Access, Authenticated, CurrentPrincipal, Loaders, type Principal, Role } from '@mkt/auth';
import { ServiceOffersService, ServiceOfferVersionView } from '@mkt/catalogue';
import { OrganisationsService, OrganisationView } from '@mkt/organisations';
import { ContractsFilter, VaryContractInput } from '../dtos/contract.inputs';
import {
  ContractConnection,
  ContractOutcomeMeasureView,
  ContractVersionView,
  ContractView,
  PaymentView,
  OutcomeAchievementView,
  PerformanceRatingView,
  PerformanceReportView,
  SchedulePeriodView,
  SubcontractorView,
} from '../dtos/contract.types';
import { achievementByYear, legacyRating } from '../rules/outcome-achievement';
import { toScheduleView } from '../rules/schedule';
import { mapPayment, mapReport } from '../repositories/contract.rows';
import { ContractVariationsService } from '../services/contract-variations.service';
import { ContractsService } from '../services/contracts.service';
import { SupplyChainService } from '../services/supply-chain.service';
import { OutcomeAchievementBand, PerformanceRatingValue, ReportStatus } from '../contracts.enums';

const IdArg = () => Args('id', { type: () => ID }, new UuidPipe('id'));

/** Contract queries and variation, and the contract's computed fields (all batched per request). */
@Resolver(() => ContractView)
export class ContractsResolver {
  constructor(
    private readonly service: ContractsService,
    private readonly variations: ContractVariationsService,
    private readonly supplyChain: SupplyChainService,
    private readonly organisations: OrganisationsService,
    private readonly offers: ServiceOffersService,
  ) {}

  @Query(() => ContractView)
  @Authenticated()
  contract(@CurrentPrincipal() viewer: Principal, @IdArg() id: string, @Loaders() loaders: RequestLoaders): Promise<ContractView> {
    return this.service.get(viewer, loaders, id);
  }

  @Query(() => ContractConnection, { description: 'Same visibility as orders; newest first.' })
  @Authenticated()
  contracts(
    @CurrentPrincipal() viewer: Principal,
    @Args() page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Loaders() loaders: RequestLoaders,
    @Args('filter', { nullable: true }) filter?: ContractsFilter,
  ) {
    return this.service.list(viewer, loaders, filter ?? {}, {
      first: page.first,
      after: page.after,
      withTotal: isFieldRequested(info, 'totalCount'),
    });
  }

  @Mutation(() => ContractView, {
    description:
      'Proposes a change of terms (endDate, value, outcomeMeasures): the contract is returned unchanged, with its pendingVariation, until the provider agrees it (agreeContractVariation). A status change applies at once. A stale expectedVersion gets CONFLICT.',
  })
  @Access(Role.COMMISSIONER)
  varyContract(@CurrentPrincipal() actor: Principal, @Args('input') input: VaryContractInput): Promise<ContractView> {
    return this.variations.vary(actor, input);
  }

  @ResolveField(() => OrganisationView)
  @Authenticated()
  async provider(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<OrganisationView> {
    return (await this.organisations.loader(loaders).load(contract.providerId))!;
  }

  @ResolveField(() => ServiceOfferVersionView, { description: 'The offer version the order pinned.' })
  @Authenticated()
  async offer(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<ServiceOfferVersionView> {
    return (await this.offers.pinnedVersionLoader(loaders).load(`${contract.offerId}:${contract.offerVersion}`))!;
  }

  @ResolveField(() => [ContractOutcomeMeasureView])
  @Authenticated()
  outcomeMeasures(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders) {
    return this.service.measuresLoader(loaders).load(contract.id);
  }

  @ResolveField(() => [SchedulePeriodView], { description: 'Per reporting period: fixed instalment, outcome earned, paid.' })
  @Authenticated()
  async schedule(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<SchedulePeriodView[]> {
    return (await this.scheduleOf(contract, loaders)).map(toScheduleView);
  }

  @ResolveField(() => Money, { description: 'Outcome payments earned by approved reports.' })
  @Authenticated()
  async earnedToDate(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<Money> {
    const lines = await this.scheduleOf(contract, loaders);
    return Money.of(lines.reduce((s, l) => s + l.outcomeEarned, 0n));
  }

  @ResolveField(() => Money, { description: 'Sum of the payment ledger (reversals included).' })
  @Authenticated()
  async paidToDate(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<Money> {
    const payments = await this.service.paymentsLoader(loaders).load(contract.id);
    return Money.of(payments.reduce((s, p) => s + penceFromDb(p.amount_pence), 0n));
  }

  @ResolveField(() => Money, { description: 'value - paidToDate: the commitment still to be paid.' })
  @Authenticated()
  async outstanding(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<Money> {
    const payments = await this.service.paymentsLoader(loaders).load(contract.id);
    return Money.of(contract.valuePence - payments.reduce((s, p) => s + penceFromDb(p.amount_pence), 0n));
  }

  @ResolveField(() => [ContractVersionView], { description: 'Every version of the terms, oldest first.' })
  @Authenticated()
  versions(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders) {
    return this.service.versionsLoader(loaders).load(contract.id);
  }

  @ResolveField(() => [PerformanceReportView])
  @Authenticated()
  async performanceReports(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<PerformanceReportView[]> {
    return (await this.service.reportsLoader(loaders).load(contract.id)).map(mapReport);
  }

  @ResolveField(() => [PaymentView], { description: 'The ledger, oldest first.' })
  @Authenticated()
  async payments(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<PaymentView[]> {
    return (await this.service.paymentsLoader(loaders).load(contract.id)).map(mapPayment);
  }

  @ResolveField(() => [SubcontractorView], { description: 'Declared tier 2 and 3 subcontractors.' })
  @Authenticated()
  subcontractors(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders) {
    return this.supplyChain.loader(loaders).load(contract.id);
  }

  @ResolveField(() => [OutcomeAchievementView], {
    description: 'One outcome achievement band per financial year with approved reports, then one for the whole contract ("contract").',
  })
  @Authenticated()
  outcomeAchievement(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<OutcomeAchievementView[]> {
    return this.achievement(contract, loaders);
  }

  @ResolveField(() => [PerformanceRatingView], {
    description: 'One rating per financial year with approved reports, then one for the whole contract ("contract").',
    deprecationReason: 'Use outcomeAchievement: the same scores in bands that do not borrow the contract performance notice labels.',
  })
  @Authenticated()
  async ratings(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<PerformanceRatingView[]> {
    const lines = await this.achievement(contract, loaders);
    return lines.map(({ band, ...line }) => ({ ...line, rating: legacyRating(band) as PerformanceRatingValue }));
  }

  private async achievement(contract: ContractView, loaders: RequestLoaders): Promise<OutcomeAchievementView[]> {
    const approved = (await this.service.reportsLoader(loaders).load(contract.id)).filter(
      (r) => r.status === ReportStatus.APPROVED && r.score !== null,
    );
    return achievementByYear(approved.map((r) => ({ period: r.period, score: Number(r.score) }))).map((line) => ({
      ...line,
      band: line.band as OutcomeAchievementBand,
    }));
  }

  private async scheduleOf(contract: ContractView, loaders: RequestLoaders) {
    const [reports, payments] = await Promise.all([
      this.service.reportsLoader(loaders).load(contract.id),
      this.service.paymentsLoader(loaders).load(contract.id),
    ]);
    return this.service.scheduleOf(contract, reports, payments);
  }
}

/** `Organisation.recentContracts`: what a provider holds, as far as the viewer may see. */
@Resolver(() => OrganisationView)
export class OrganisationContractsResolver {
  constructor(private readonly contracts: ContractsService) {}

  @ResolveField(() => [ContractView], { description: "The provider's most recent contracts that you may see." })
  @Authenticated()
  recentContracts(
    @Parent() organisation: OrganisationView,
    @CurrentPrincipal() viewer: Principal,
    @Loaders() loaders: RequestLoaders,
    @Args('first', { type: () => Int, defaultValue: 5, description: 'At most 20.' }) first: number,
  ): Promise<ContractView[]> {
    if (first < 0 || first > 20) throw CommonException.badInput('first: must be from 0 to 20', 'first');
    return this.contracts.recentForProvidersLoader(loaders, viewer, first).load(organisation.id);
  }
}
