import { Global, Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { AuditEventRepository } from './repositories/audit-event.repository';

@Global()
@Module({ providers: [AuditEventRepository, AuditService, AuditResolver], exports: [AuditService] })
export class AuditModule {}
