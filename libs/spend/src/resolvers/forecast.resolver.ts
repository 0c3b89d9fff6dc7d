import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { ForecastOutturnFilter, ForecastOutturnView } from '../dtos/forecast.types';
import { ForecastOutturnService } from '../services/forecast-outturn.service';

@Resolver()
export class ForecastResolver {
  constructor(private readonly service: ForecastOutturnService) {}

  @Query(() => [ForecastOutturnView], {
    description:
      'Forecast outturn per region and financial year: allocated, committed not yet paid, paid, forecast and variance. ' +
      'Commissioners see their regions; admins, directorate and auditors all.',
  })
  @Access(Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)
  forecastOutturn(
    @CurrentPrincipal() viewer: Principal,
    @Args('filter', { type: () => ForecastOutturnFilter, nullable: true }) filter?: ForecastOutturnFilter,
  ): Promise<ForecastOutturnView[]> {
    return this.service.forecast(viewer, filter ?? {});
  }
}
