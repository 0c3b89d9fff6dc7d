import { Module } from '@nestjs/common';
import { CatalogueModule } from '@mkt/catalogue';
import { SpendExportController } from './exports/spend-export.controller';
import { InsightsRepository } from './repositories/insights.repository';
import { SpendRepository } from './repositories/spend.repository';
import { SpendResolver } from './resolvers/spend.resolver';
import { UnderpricedOfferResolver } from './resolvers/underpriced-offer.resolver';
import { SpendInsightsService } from './services/spend-insights.service';
import { SpendService } from './services/spend.service';

@Module({
  imports: [CatalogueModule],
  providers: [SpendRepository, InsightsRepository, SpendService, SpendInsightsService, SpendResolver, UnderpricedOfferResolver],
  controllers: [SpendExportController],
  exports: [SpendService],
})
export class SpendModule {}
