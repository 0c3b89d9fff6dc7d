import { Global, Module } from '@nestjs/common';
import { ReferenceResolver } from './resolvers/reference.resolver';
import { ReferenceService } from './services/reference.service';
import { ReferenceRepository } from './repositories/reference.repository';

@Global()
@Module({ providers: [ReferenceRepository, ReferenceService, ReferenceResolver], exports: [ReferenceService] })
export class ReferenceModule {}
