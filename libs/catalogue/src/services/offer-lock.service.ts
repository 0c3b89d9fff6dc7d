import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ServiceOfferRepository } from '../repositories/service-offer.repository';

/**
 * Holds an offer still for the rest of the caller's transaction: whoever takes places on an offer
 * (accepting an order against its monthly capacity) locks it here, so two acceptances queue on the
 * offer's row instead of both squeezing into its last places. Catalogue owns the row, so it owns the lock.
 */
@Injectable()
export class OfferLockService {
  constructor(private readonly offers: ServiceOfferRepository) {}

  lock(em: EntityManager, offerId: string): Promise<void> {
    return this.offers.lockRow(em, offerId);
  }
}
