import { Module } from '@nestjs/common';
import { SupplyChainController } from './controllers/supply-chain.controller';
import { PublicationRepository } from './repositories/publication.repository';
import { SupplyChainViewsRepository } from './repositories/supply-chain-views.repository';
import { PublicationResolver } from './resolvers/publication.resolver';
import { SupplyChainPublicationService } from './services/supply-chain-publication.service';

@Module({
  providers: [PublicationRepository, SupplyChainViewsRepository, SupplyChainPublicationService, PublicationResolver],
  controllers: [SupplyChainController],
  exports: [SupplyChainPublicationService],
})
export class PublicationModule {}
