import { Args, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, isFieldRequested, RequestLoaders, UuidPipe } from '@mkt/common';
import { Access, Authenticated, CurrentPrincipal, Loaders, type Principal, Role } from '@mkt/auth';
import { OrganisationsService, OrganisationView } from '@mkt/organisations';
import { CreateServiceOfferInput, ServiceOffersFilter, UpdateServiceOfferInput } from '../dtos/service-offer.inputs';
import { ServiceOfferConnection, ServiceOfferVersionView, ServiceOfferView } from '../dtos/service-offer.types';
import { ServiceOffersService } from '../services/service-offers.service';

const IdArg = () => Args('id', { type: () => ID }, new UuidPipe('id'));

@Resolver(() => ServiceOfferView)
export class ServiceOffersResolver {
  constructor(
    private readonly offers: ServiceOffersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Query(() => ServiceOfferView)
  @Authenticated()
  serviceOffer(@CurrentPrincipal() viewer: Principal, @IdArg() id: string, @Loaders() loaders: RequestLoaders): Promise<ServiceOfferView> {
    return this.offers.get(viewer, loaders, id);
  }

  @Query(() => ServiceOfferConnection, { description: 'Find offers; newest first. Commissioners see published offers.' })
  @Authenticated()
  serviceOffers(
    @CurrentPrincipal() viewer: Principal,
    @Args() page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Loaders() loaders: RequestLoaders,
    @Args('filter', { nullable: true }) filter?: ServiceOffersFilter,
  ) {
    return this.offers.search(viewer, loaders, filter ?? {}, {
      first: page.first,
      after: page.after,
      withTotal: isFieldRequested(info, 'totalCount'),
    });
  }

  @Mutation(() => ServiceOfferView, { description: "A draft offer of the caller's organisation." })
  @Access(Role.PROVIDER)
  createServiceOffer(@CurrentPrincipal() actor: Principal, @Args('input') input: CreateServiceOfferInput): Promise<ServiceOfferView> {
    return this.offers.create(actor, input);
  }

  @Mutation(() => ServiceOfferView, {
    description: "Partial edit by the offer's own provider. On a published offer, creates the next version, live at once.",
  })
  @Access(Role.PROVIDER)
  updateServiceOffer(
    @CurrentPrincipal() actor: Principal,
    @IdArg() id: string,
    @Args('input') input: UpdateServiceOfferInput,
  ): Promise<ServiceOfferView> {
    return this.offers.update(actor, id, input);
  }

  @Mutation(() => ServiceOfferView, { description: 'DRAFT -> PUBLISHED; the organisation must be verified.' })
  @Access(Role.PROVIDER, Role.ADMIN)
  publishServiceOffer(@CurrentPrincipal() actor: Principal, @IdArg() id: string): Promise<ServiceOfferView> {
    return this.offers.publish(actor, id);
  }

  @Mutation(() => ServiceOfferView, { description: 'No new orders; existing orders keep their pinned version.' })
  @Access(Role.PROVIDER, Role.ADMIN)
  withdrawServiceOffer(@CurrentPrincipal() actor: Principal, @IdArg() id: string): Promise<ServiceOfferView> {
    return this.offers.withdraw(actor, id);
  }

  @ResolveField(() => OrganisationView, { description: 'The organisation that offers it.' })
  @Authenticated()
  async provider(@Parent() offer: ServiceOfferView, @Loaders() loaders: RequestLoaders): Promise<OrganisationView> {
    const provider = await this.organisations.loader(loaders).load(offer.providerId);
    if (!provider) throw new Error(`offer ${offer.id} has no provider`);
    return provider;
  }

  @ResolveField(() => [ServiceOfferVersionView], { description: 'Every version, oldest first.' })
  @Authenticated()
  versions(@Parent() offer: ServiceOfferView, @Loaders() loaders: RequestLoaders): Promise<ServiceOfferVersionView[]> {
    return this.offers.versionsLoader(loaders).load(offer.id);
  }
}
