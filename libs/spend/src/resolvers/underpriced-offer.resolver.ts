import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestLoaders } from '@mkt/common';
import { Access, Loaders, Role } from '@mkt/auth';
import { ServiceOffersService, ServiceOfferView } from '@mkt/catalogue';
import { UnderpricedOfferView } from '../dtos/spend.types';

/** Links an underpriced offer to the offer itself (one statement for a whole page). */
@Resolver(() => UnderpricedOfferView)
export class UnderpricedOfferResolver {
  constructor(private readonly offers: ServiceOffersService) {}

  @ResolveField(() => ServiceOfferView, { description: 'The offer, as it is now.' })
  // Those who may list underpriced offers; the list shows only published offers, which they may all see.
  @Access(Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)
  async offer(@Parent() row: UnderpricedOfferView, @Loaders() loaders: RequestLoaders): Promise<ServiceOfferView> {
    const offer = await this.offers.byIdLoader(loaders).load(row.offerId);
    if (!offer) throw new Error(`underpriced offer ${row.offerId} has no offer row`);
    return offer;
  }
}
