import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, isFieldRequested } from '@mkt/common';
import { Access, Role } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
import { AuditService } from './audit.service';
import { AuditEventConnection, AuditEventType } from './dtos/audit-event.type';
import { AuditEventsFilter } from './dtos/audit-events.filter';

@Resolver(() => AuditEventType)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
  ) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first.' })
  @Access(Role.AUDITOR, Role.ADMIN)
  auditEvents(@Args() page: ConnectionArgs, @Info() info: GraphQLResolveInfo, @Args('filter', { nullable: true }) filter?: AuditEventsFilter) {
    return this.audit.list(this.db.reader, filter ?? {}, {
      first: page.first,
      after: page.after,
      withTotal: isFieldRequested(info, 'totalCount'),
    });
  }
}
