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

  /**
   * For reports that tolerate replication lag (spend): a transaction on the read replica when one
   * is configured (DATABASE_REPLICA_URL), otherwise on the primary like `run`.
   */
  async report<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.dataSource.driver.isReplicated) return this.run(work);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      await runner.connect();
      await runner.startTransaction();
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** For reads: the shared manager, no explicit transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }
}
