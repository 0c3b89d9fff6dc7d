import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@mkt/organisations';
import { ServiceOffersResolver } from './resolvers/service-offers.resolver';
import { OfferLockService } from './services/offer-lock.service';
import { ServiceOffersService } from './services/service-offers.service';
import { OfferVersionRepository } from './repositories/offer-version.repository';
import { ServiceOfferRepository } from './repositories/service-offer.repository';

@Module({
  imports: [OrganisationsModule],
  providers: [ServiceOfferRepository, OfferVersionRepository, ServiceOffersService, OfferLockService, ServiceOffersResolver],
  exports: [ServiceOffersService, OfferLockService],
})
export class CatalogueModule {}
