import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One mutation, one transaction: services open it here and pass the `EntityManager` to every
 * collaborator (other modules' services, the audit trail), so no write escapes it.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * READ COMMITTED, the connections' default (pinned in DatabaseModule): naming the level here
   * would make TypeORM send a second statement (SET TRANSACTION ...) in every transaction.
   */
  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** For reads: the shared manager, no explicit transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }
}
