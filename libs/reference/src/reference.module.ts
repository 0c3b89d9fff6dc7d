import { Global, Module } from '@nestjs/common';
import { ReferenceResolver } from './resolvers/reference.resolver';
import { ReferenceService } from './services/reference.service';
import { GeographyRepository } from './repositories/geography.repository';
import { OutcomeMeasureRepository } from './repositories/outcome-measure.repository';

@Global()
@Module({ providers: [GeographyRepository, OutcomeMeasureRepository, ReferenceService, ReferenceResolver], exports: [ReferenceService] })
export class ReferenceModule {}
