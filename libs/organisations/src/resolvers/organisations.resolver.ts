import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, isFieldRequested, RequestLoaders, UuidPipe } from '@mkt/common';
import { Access, Authenticated, CurrentPrincipal, Loaders, type Principal, Role } from '@mkt/auth';
import { OrganisationConnection, OrganisationView } from '../dtos/organisation.type';
import { OrganisationsFilter, RegisterOrganisationInput, UpdateOrganisationInput } from '../dtos/organisation.inputs';
import { OrganisationsService } from '../services/organisations.service';

@Resolver(() => OrganisationView)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Query(() => OrganisationView, { description: 'One organisation by id or by org-id identifier.' })
  @Authenticated()
  organisation(
    @CurrentPrincipal() viewer: Principal,
    @Loaders() loaders: RequestLoaders,
    @Args('id', { type: () => ID, nullable: true }, new UuidPipe('id', true)) id?: string,
    @Args('identifier', { nullable: true }) identifier?: string,
  ): Promise<OrganisationView> {
    return this.service.get(viewer, loaders, { id, identifier });
  }

  @Query(() => OrganisationConnection)
  @Authenticated()
  organisations(
    @CurrentPrincipal() viewer: Principal,
    @Args() page: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Loaders() loaders: RequestLoaders,
    @Args('filter', { nullable: true }) filter?: OrganisationsFilter,
  ) {
    return this.service.list(viewer, loaders, filter ?? {}, {
      first: page.first,
      after: page.after,
      withTotal: isFieldRequested(info, 'totalCount'),
    });
  }

  @Mutation(() => OrganisationView, { description: 'ADMIN, or a PROVIDER whose org claim equals the identifier.' })
  @Access(Role.ADMIN, Role.PROVIDER)
  registerOrganisation(@CurrentPrincipal() actor: Principal, @Args('input') input: RegisterOrganisationInput): Promise<OrganisationView> {
    return this.service.register(actor, input);
  }

  @Mutation(() => OrganisationView, {
    description: 'ADMIN, or the organisation itself. A provider changing its registration details is verified again.',
  })
  @Access(Role.ADMIN, Role.PROVIDER)
  updateOrganisation(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, new UuidPipe('id')) id: string,
    @Args('input') input: UpdateOrganisationInput,
  ): Promise<OrganisationView> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => OrganisationView, { description: 'Due diligence done: the organisation may publish offers.' })
  @Access(Role.ADMIN)
  verifyOrganisation(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, new UuidPipe('id')) id: string,
  ): Promise<OrganisationView> {
    return this.service.verify(actor, id);
  }
}
