import { Global, Module } from '@nestjs/common';
import { ReferenceResolver } from './resolvers/reference.resolver';
import { ReferenceService } from './services/reference.service';

@Global()
@Module({ providers: [ReferenceService, ReferenceResolver], exports: [ReferenceService] })
export class ReferenceModule {}
