import { Module } from '@nestjs/common';
import { OrganisationsResolver } from './resolvers/organisations.resolver';
import { OrganisationsService } from './services/organisations.service';

@Module({ providers: [OrganisationsService, OrganisationsResolver], exports: [OrganisationsService] })
export class OrganisationsModule {}
