import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { ConnectionArgs, isFieldRequested } from '@mkt/common';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { SpendFilter, SpendGroupKey, UnderpricedOffersFilter } from '../dtos/spend.inputs';
import {
  CostPerOutcomeView,
  SpendInclusionReportView,
  SpendResultView,
  SustainabilityGapView,
  UnderpricedOfferConnection,
} from '../dtos/spend.types';
import { SpendInsightsService } from '../services/spend-insights.service';
import { SpendService } from '../services/spend.service';

const SPEND_READERS = [Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER];
const FilterArg = () => Args('filter', { type: () => SpendFilter, nullable: true });
const GroupByArg = () => Args('groupBy', { type: () => [SpendGroupKey], defaultValue: [] });

/** Where the money goes. Thin: the services own the rules and the SQL. */
@Resolver()
export class SpendResolver {
  constructor(
    private readonly spendService: SpendService,
    private readonly insights: SpendInsightsService,
  ) {}

  @Query(() => SpendResultView, {
    description:
      'Money committed and paid, grouped. A contract counts as committed in the quarter of its start date; a payment as paid in the quarter it was paid.',
  })
  @Access(...SPEND_READERS)
  spend(
    @CurrentPrincipal() viewer: Principal,
    @Info() info: GraphQLResolveInfo,
    @FilterArg() filter?: SpendFilter,
    @GroupByArg() groupBy: SpendGroupKey[] = [],
  ): Promise<SpendResultView> {
    // Distinct provider counts cost a sorted aggregate: computed only when selected.
    const withProviders = selectsAnywhere(info, 'providers');
    return this.spendService.spend(viewer, filter ?? {}, groupBy, { withProviders });
  }

  @Query(() => SpendInclusionReportView, {
    description: 'Who the money reaches: shares by income band and organisation type, per region and financial year.',
  })
  @Access(...SPEND_READERS)
  spendInclusion(@CurrentPrincipal() viewer: Principal, @FilterArg() filter?: SpendFilter): Promise<SpendInclusionReportView> {
    return this.insights.inclusion(viewer, filter ?? {});
  }

  @Query(() => SustainabilityGapView, {
    description: "Contracts priced below the provider's declared full cost and the gap providers subsidise, grouped.",
  })
  @Access(...SPEND_READERS)
  sustainabilityGap(
    @CurrentPrincipal() viewer: Principal,
    @FilterArg() filter?: SpendFilter,
    @GroupByArg() groupBy: SpendGroupKey[] = [],
  ): Promise<SustainabilityGapView> {
    return this.insights.sustainabilityGap(viewer, filter ?? {}, groupBy);
  }

  @Query(() => UnderpricedOfferConnection, { description: "Published offers whose unit price is below the provider's declared full cost." })
  @Access(...SPEND_READERS)
  underpricedOffers(
    @CurrentPrincipal() viewer: Principal,
    @Args() page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => UnderpricedOffersFilter, nullable: true }) filter?: UnderpricedOffersFilter,
  ) {
    return this.insights.underpricedOffers(viewer, filter ?? {}, {
      first: page.first,
      after: page.after,
      withTotal: isFieldRequested(info, 'totalCount'),
    });
  }

  @Query(() => [CostPerOutcomeView], { description: 'Cost per outcome achieved, per outcome measure and category, from approved reports.' })
  @Access(...SPEND_READERS)
  costPerOutcome(@CurrentPrincipal() viewer: Principal, @FilterArg() filter?: SpendFilter): Promise<CostPerOutcomeView[]> {
    return this.insights.costPerOutcome(viewer, filter ?? {});
  }
}

/** Whether a field of this name is selected anywhere below the resolved field (fragments included). */
function selectsAnywhere(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name || visit(s.selectionSet);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return visit(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
