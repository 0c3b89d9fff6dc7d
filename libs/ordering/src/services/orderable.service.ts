import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parsePence } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { OfferStatus, ServiceOffersService } from '@mkt/catalogue';
import { ReferenceService } from '@mkt/reference';
import { OrderingErrorCode, OrderingException } from '../ordering.exception';

/** What may be ordered by whom: the PDU's region held by the commissioner, an offer published for it. */
@Injectable()
export class OrderableService {
  constructor(
    private readonly reference: ReferenceService,
    private readonly offers: ServiceOffersService,
  ) {}

  /** The PDU, if the commissioner holds its region. */
  pdu(actor: Principal, pduCode: string) {
    const pdu = this.reference.pdu(pduCode);
    if (!pdu) throw OrderingException.badInput('pduCode', `unknown PDU ${pduCode}`);
    if (!actor.regions.includes(pdu.regionCode)) {
      throw new OrderingException(OrderingErrorCode.FORBIDDEN, `You do not commission for ${pdu.regionCode}, the region of PDU ${pduCode}`);
    }
    return pdu;
  }

  /**
   * The offer as it is now: published, covering the PDU and, when the client says which version it
   * saw, still that version (a provider may re-price between the commissioner reading and ordering).
   */
  async offer(em: EntityManager, offerId: string, pdu: { code: string; regionCode: string }, expectedVersion?: number) {
    const offer = await this.offers.current(em, offerId);
    if (!offer || offer.status !== OfferStatus.PUBLISHED) {
      throw new OrderingException(OrderingErrorCode.OFFER_NOT_AVAILABLE, 'The offer is not published', { field: 'offerId' });
    }
    if (expectedVersion !== undefined && offer.version !== expectedVersion) {
      throw OrderingException.offerChanged(expectedVersion, { version: offer.version, unitPricePence: parsePence(offer.unitPrice.amount) });
    }
    if (!offer.regionCodes.includes(pdu.regionCode) || !offer.pduCodes.includes(pdu.code)) {
      throw new OrderingException(OrderingErrorCode.OFFER_NOT_AVAILABLE, `The offer does not cover PDU ${pdu.code}`, { field: 'pduCode' });
    }
    return offer;
  }
}
