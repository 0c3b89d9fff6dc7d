import { Module } from '@nestjs/common';
import { OrganisationsResolver } from './resolvers/organisations.resolver';
import { OrganisationsService } from './services/organisations.service';
import { OrganisationRepository } from './repositories/organisation.repository';

@Module({ providers: [OrganisationRepository, OrganisationsService, OrganisationsResolver], exports: [OrganisationsService] })
export class OrganisationsModule {}
