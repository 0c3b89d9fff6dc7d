import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@mkt/database';

/**
 * Holds an offer still for the rest of the caller's transaction: whoever takes places on an offer
 * (accepting an order against its monthly capacity) locks it here, so two acceptances queue on the
 * offer's row instead of both squeezing into its last places. Catalogue owns the row, so it owns the lock.
 */
@Injectable()
export class OfferLockService {
  async lock(em: EntityManager, offerId: string): Promise<void> {
    await queryRows(em, 'SELECT id FROM service_offer WHERE id = $1 FOR UPDATE', [offerId]);
  }
}
