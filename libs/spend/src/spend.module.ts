import { Module } from '@nestjs/common';
import { CatalogueModule } from '@mkt/catalogue';
import { SpendExportController } from './exports/spend-export.controller';
import { ForecastRepository } from './repositories/forecast.repository';
import { InsightsRepository } from './repositories/insights.repository';
import { SpendRepository } from './repositories/spend.repository';
import { ForecastResolver } from './resolvers/forecast.resolver';
import { SpendResolver } from './resolvers/spend.resolver';
import { UnderpricedOfferResolver } from './resolvers/underpriced-offer.resolver';
import { ForecastOutturnService } from './services/forecast-outturn.service';
import { SpendInsightsService } from './services/spend-insights.service';
import { SpendService } from './services/spend.service';

@Module({
  imports: [CatalogueModule],
  providers: [
    SpendRepository,
    InsightsRepository,
    ForecastRepository,
    SpendService,
    SpendInsightsService,
    SpendResolver,
    UnderpricedOfferResolver,
    ForecastOutturnService,
    ForecastResolver,
  ],
  controllers: [SpendExportController],
  exports: [SpendService],
})
export class SpendModule {}
