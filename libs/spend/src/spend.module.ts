import { Module } from '@nestjs/common';
import { SpendExportController } from './exports/spend-export.controller';
import { SpendResolver } from './resolvers/spend.resolver';
import { SpendInsightsService } from './services/spend-insights.service';
import { SpendService } from './services/spend.service';

@Module({
  providers: [SpendService, SpendInsightsService, SpendResolver],
  controllers: [SpendExportController],
  exports: [SpendService],
})
export class SpendModule {}
