import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ReasonLengthPipe, RequestLoaders, UuidPipe } from '@mkt/common';
import { Access, Authenticated, CurrentPrincipal, Loaders, type Principal, Role } from '@mkt/auth';
import { ContractVariationStatus, ContractVariationView } from '../dtos/contract-variation.types';
import { ContractView } from '../dtos/contract.types';
import { ContractVariationAnswersService } from '../services/contract-variation-answers.service';

const ReasonPipe = new ReasonLengthPipe();
const VariationIdArg = () => Args('variationId', { type: () => ID }, new UuidPipe('variationId'));

/** Two-sided variations: the provider's answer to a proposal, and the proposals on a contract. */
@Resolver(() => ContractView)
export class ContractVariationsResolver {
  constructor(private readonly answers: ContractVariationAnswersService) {}

  @Mutation(() => ContractView, {
    description: 'The provider agrees a proposed variation: it applies (a new version); CONFLICT when the contract changed since.',
  })
  @Access(Role.PROVIDER)
  agreeContractVariation(@CurrentPrincipal() actor: Principal, @VariationIdArg() variationId: string): Promise<ContractView> {
    return this.answers.agree(actor, variationId);
  }

  @Mutation(() => ContractVariationView, { description: 'The provider rejects a proposed variation; the contract stays as it is.' })
  @Access(Role.PROVIDER)
  rejectContractVariation(
    @CurrentPrincipal() actor: Principal,
    @VariationIdArg() variationId: string,
    @Args('reason', ReasonPipe) reason: string,
  ): Promise<ContractVariationView> {
    return this.answers.reject(actor, variationId, reason);
  }

  @Mutation(() => ContractVariationView, { description: 'A commissioner of the region withdraws a proposed variation before it is answered.' })
  @Access(Role.COMMISSIONER)
  withdrawContractVariation(
    @CurrentPrincipal() actor: Principal,
    @VariationIdArg() variationId: string,
    @Args('reason', ReasonPipe) reason: string,
  ): Promise<ContractVariationView> {
    return this.answers.withdraw(actor, variationId, reason);
  }

  @ResolveField(() => [ContractVariationView], { description: 'Every proposed variation of the terms, oldest first.' })
  @Authenticated()
  variations(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<ContractVariationView[]> {
    return this.answers.variationsLoader(loaders).load(contract.id);
  }

  @ResolveField(() => ContractVariationView, { nullable: true, description: 'The proposal waiting for the provider’s answer, if any.' })
  @Authenticated()
  async pendingVariation(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<ContractVariationView | null> {
    const all = await this.answers.variationsLoader(loaders).load(contract.id);
    return all.find((v) => v.status === ContractVariationStatus.PROPOSED) ?? null;
  }
}
