import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@mkt/organisations';
import { ServiceOffersResolver } from './resolvers/service-offers.resolver';
import { ServiceOffersService } from './services/service-offers.service';

@Module({
  imports: [OrganisationsModule],
  providers: [ServiceOffersService, ServiceOffersResolver],
  exports: [ServiceOffersService],
})
export class CatalogueModule {}
