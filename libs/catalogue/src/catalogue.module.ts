import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@mkt/organisations';
import { ServiceOffersResolver } from './resolvers/service-offers.resolver';
import { OfferLockService } from './services/offer-lock.service';
import { ServiceOffersService } from './services/service-offers.service';

@Module({
  imports: [OrganisationsModule],
  providers: [ServiceOffersService, OfferLockService, ServiceOffersResolver],
  exports: [ServiceOffersService, OfferLockService],
})
export class CatalogueModule {}
