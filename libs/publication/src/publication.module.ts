import { Module } from '@nestjs/common';
import { SupplyChainController } from './controllers/supply-chain.controller';
import { PublicationResolver } from './resolvers/publication.resolver';
import { SupplyChainPublicationService } from './services/supply-chain-publication.service';

@Module({
  providers: [SupplyChainPublicationService, PublicationResolver],
  controllers: [SupplyChainController],
  exports: [SupplyChainPublicationService],
})
export class PublicationModule {}
