import { Args, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, isFieldRequested, ReasonLengthPipe, RequestLoaders, UuidPipe } from '@mkt/common';
import { Access, Authenticated, CurrentPrincipal, Loaders, type Principal, Role } from '@mkt/auth';
import { BudgetsService, BudgetView } from '@mkt/budgets';
import { ServiceOffersService, ServiceOfferVersionView } from '@mkt/catalogue';
import { ContractsService, ContractView } from '@mkt/contracts';
import { OrganisationsService, OrganisationView } from '@mkt/organisations';
import { OrdersFilter, PlaceOrderInput } from '../dtos/order.inputs';
import { OrderConnection, OrderView } from '../dtos/order.types';
import { OrderQueriesService } from '../services/order-queries.service';
import { OrdersService } from '../services/orders.service';

const IdArg = () => Args('id', { type: () => ID }, new UuidPipe('id'));
const ReasonArg = () => Args('reason', new ReasonLengthPipe());

@Resolver(() => OrderView)
export class OrdersResolver {
  constructor(
    private readonly service: OrdersService,
    private readonly queries: OrderQueriesService,
    private readonly organisations: OrganisationsService,
    private readonly offers: ServiceOffersService,
    private readonly budgets: BudgetsService,
    private readonly contracts: ContractsService,
  ) {}

  @Mutation(() => OrderView, { description: 'Buys from a published offer, reserving the total on the matching budget.' })
  @Access(Role.COMMISSIONER)
  placeOrder(@CurrentPrincipal() actor: Principal, @Args('input') input: PlaceOrderInput): Promise<OrderView> {
    return this.service.place(actor, input);
  }

  @Mutation(() => OrderView, {
    description:
      "Someone other than the placer, holding the order's approvalLevel (scheme of delegation), sends an order waiting for approval to the provider.",
  })
  @Access(Role.COMMISSIONER, Role.REGIONAL_DIRECTOR, Role.COMMERCIAL)
  approveOrder(@CurrentPrincipal() actor: Principal, @IdArg() id: string): Promise<OrderView> {
    return this.service.approve(actor, id);
  }

  @Mutation(() => OrderView, { description: 'Refuses an order awaiting approval and releases its reservation.' })
  @Access(Role.COMMISSIONER, Role.REGIONAL_DIRECTOR, Role.COMMERCIAL)
  rejectOrder(@CurrentPrincipal() actor: Principal, @IdArg() id: string, @ReasonArg() reason: string): Promise<OrderView> {
    return this.service.reject(actor, id, reason);
  }

  @Mutation(() => OrderView, { description: 'The commissioner takes the order back before the provider answers.' })
  @Access(Role.COMMISSIONER)
  withdrawOrder(@CurrentPrincipal() actor: Principal, @IdArg() id: string, @ReasonArg() reason: string): Promise<OrderView> {
    return this.service.withdraw(actor, id, reason);
  }

  @Mutation(() => OrderView, { description: 'The provider accepts: the budget is committed and the contract created.' })
  @Access(Role.PROVIDER)
  acceptOrder(@CurrentPrincipal() actor: Principal, @IdArg() id: string): Promise<OrderView> {
    return this.service.accept(actor, id);
  }

  @Mutation(() => OrderView, { description: 'The provider declines; the reservation is released.' })
  @Access(Role.PROVIDER)
  declineOrder(@CurrentPrincipal() actor: Principal, @IdArg() id: string, @ReasonArg() reason: string): Promise<OrderView> {
    return this.service.decline(actor, id, reason);
  }

  @Query(() => OrderView)
  @Authenticated()
  order(@CurrentPrincipal() viewer: Principal, @IdArg() id: string, @Loaders() loaders: RequestLoaders): Promise<OrderView> {
    return this.queries.get(viewer, loaders, id);
  }

  @Query(() => OrderConnection, { description: 'Commissioners: their regions; providers: orders sent to them; directorate and auditors: all.' })
  @Authenticated()
  orders(
    @CurrentPrincipal() viewer: Principal,
    @Args() page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Loaders() loaders: RequestLoaders,
    @Args('filter', { nullable: true }) filter?: OrdersFilter,
  ) {
    return this.queries.list(viewer, loaders, filter ?? {}, {
      first: page.first,
      after: page.after,
      withTotal: isFieldRequested(info, 'totalCount'),
    });
  }

  @ResolveField(() => OrganisationView)
  @Authenticated()
  async provider(@Parent() order: OrderView, @Loaders() loaders: RequestLoaders): Promise<OrganisationView> {
    return (await this.organisations.loader(loaders).load(order.providerId))!;
  }

  @ResolveField(() => ServiceOfferVersionView, { description: 'The offer version pinned at ordering, whatever happened to the offer since.' })
  @Authenticated()
  async offer(@Parent() order: OrderView, @Loaders() loaders: RequestLoaders): Promise<ServiceOfferVersionView> {
    return (await this.offers.pinnedVersionLoader(loaders).load(`${order.offerId}:${order.offerVersion}`))!;
  }

  @ResolveField(() => BudgetView, { nullable: true, description: 'The pot it draws on (commissioners, directorate, auditors).' })
  @Access(Role.COMMISSIONER, Role.DIRECTORATE, Role.AUDITOR)
  budget(@Parent() order: OrderView, @Loaders() loaders: RequestLoaders): Promise<BudgetView | null> {
    return this.budgets.loader(loaders).load(order.budgetId);
  }

  @ResolveField(() => ContractView, { nullable: true, description: 'The contract an accepted order became.' })
  @Authenticated()
  contract(@Parent() order: OrderView, @Loaders() loaders: RequestLoaders): Promise<ContractView | null> {
    return this.contracts.byOrderLoader(loaders).load(order.id);
  }
}

/** `Contract.order`: the order a contract came from (the contract was already visible). */
@Resolver(() => ContractView)
export class ContractOrderResolver {
  constructor(private readonly orders: OrderQueriesService) {}

  @ResolveField(() => OrderView)
  @Authenticated()
  async order(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<OrderView> {
    return (await this.orders.loaderById(loaders).load(contract.orderId))!;
  }
}
