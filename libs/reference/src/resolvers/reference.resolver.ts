import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, Authenticated, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
import { CreateOutcomeMeasureInput } from '../dtos/create-outcome-measure.input';
import { OutcomeMeasureType, RegionType } from '../dtos/reference.types';
import { ReferenceService } from '../services/reference.service';
import { ServiceCategory } from '../service-category';

@Resolver()
export class ReferenceResolver {
  constructor(
    private readonly reference: ReferenceService,
    private readonly db: TransactionRunner,
  ) {}

  @Query(() => [RegionType], { description: 'The 12 probation regions and their PDUs.' })
  @Authenticated()
  regions(): RegionType[] {
    return this.reference.regions();
  }

  @Query(() => [OutcomeMeasureType], { description: 'The outcome-measure library, optionally for one category.' })
  @Authenticated()
  outcomeMeasures(@Args('category', { type: () => ServiceCategory, nullable: true }) category?: ServiceCategory): Promise<OutcomeMeasureType[]> {
    return this.reference.outcomeMeasures(this.db.reader, category);
  }

  @Mutation(() => OutcomeMeasureType, { description: 'Adds a measure to the library (ADMIN).' })
  @Access(Role.ADMIN)
  createOutcomeMeasure(@CurrentPrincipal() actor: Principal, @Args('input') input: CreateOutcomeMeasureInput): Promise<OutcomeMeasureType> {
    return this.reference.createOutcomeMeasure(actor, input);
  }
}
