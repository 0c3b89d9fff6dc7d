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
import { ALL_SPEND_FIGURES } from '../rules/spend-query';

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
    // Distinct provider counts cost a sorted aggregate, and every money figure a sum per group:
    // only what the query selects is computed.
    const selected = namesSelected(info);
    const figures = ALL_SPEND_FIGURES.filter((f) => selected.has(f));
    return this.spendService.spend(viewer, filter ?? {}, groupBy, { withProviders: selected.has('providers'), figures });
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

/**
 * Names of the fields selected anywhere below the resolved field (fragments included; a field under
 * @skip or @include counts as selected, which only computes more).
 */
function namesSelected(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        names.add(s.name.value);
        visit(s.selectionSet);
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        visit(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
