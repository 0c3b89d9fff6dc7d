import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne } from '@mkt/database';

/** What a running total is kept for: one provider, category, region and financial year (of the start date). */
export interface RunningTotalKey {
  providerId: string;
  category: string;
  regionCode: string;
  financialYear: string;
}

/** Namespace of the advisory locks on running totals (the first key of the two-key form). */
const RUNNING_TOTAL_LOCK_SPACE = 13;

/** The statements behind running totals of awards (issue 13), on `service_order`. */
@Injectable()
export class OrderAwardRepository {
  /**
   * Serialises placing orders with the same key until the transaction ends, so that two concurrent
   * orders each see the other in their running total (the second waits for the first to commit).
   */
  async lock(em: EntityManager, key: RunningTotalKey): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [RUNNING_TOTAL_LOCK_SPACE, keyText(key)]);
  }

  /** Total of the live orders (waiting for approval, with the provider, or accepted) with the key. */
  async liveTotal(em: EntityManager, key: RunningTotalKey): Promise<bigint> {
    const row = await queryOne<{ total: string }>(
      em,
      `SELECT coalesce(sum(total_pence), 0)::text AS total FROM service_order
       WHERE provider_id = $1 AND category = $2 AND region_code = $3 AND financial_year = $4
         AND status IN ('PENDING_APPROVAL', 'SUBMITTED', 'ACCEPTED')`,
      [key.providerId, key.category, key.regionCode, key.financialYear],
    );
    return BigInt(row!.total);
  }
}

function keyText(key: RunningTotalKey): string {
  return `${key.providerId}|${key.category}|${key.regionCode}|${key.financialYear}`;
}
