import { randomUUID } from 'node:crypto';
import { Principal, Role } from '@mkt/auth';
import { demoProvider, ServiceOffersService } from '@mkt/catalogue';
import { financialYearStart, RequestLoaders } from '@mkt/common';
import { OrderView } from '../dtos/order.types';
import { OrderStatus } from '../ordering.enums';
import { OrdersService } from '../services/orders.service';

/** A demo order: the offer (found by title, as a commissioner would), where and how much. */
export interface DemoOrder {
  region: string;
  pdu: string;
  title: string;
  org: string;
  quantity: number;
}

/** A little activity so that the directorate's first spend queries show something. */
export const DEMO_ORDERS: readonly DemoOrder[] = [
  { region: 'london', pdu: 'southwark', title: 'Employment coaching and job brokerage', org: 'GB-COH-99000001', quantity: 12 },
  {
    region: 'greater-manchester',
    pdu: 'manchester-north',
    title: 'Tenancy sustainment for people at risk of eviction',
    org: 'GB-CHC-9990001',
    quantity: 40,
  },
];

/**
 * Places the demo order for the whole financial year from its start, and has the provider accept
 * it; undefined when the offer is not there (or not in that PDU) or the order was not submitted.
 */
export async function demoOrder(
  orders: OrdersService,
  offers: ServiceOffersService,
  plan: DemoOrder,
  financialYear: string,
): Promise<OrderView | undefined> {
  const commissioner: Principal = { sub: `demo-commissioner-${plan.region}`, roles: [Role.COMMISSIONER], regions: [plan.region] };
  const found = await offers.search(
    commissioner,
    new RequestLoaders(),
    { text: plan.title, regionCodes: [plan.region] },
    { first: 1, withTotal: false },
  );
  const offer = found.edges[0]?.node;
  if (!offer || !offer.pduCodes.includes(plan.pdu)) return undefined;
  // The year is under way: loaded as orders placed at its start (the rule on past start dates does not apply).
  const order = await orders.place(
    commissioner,
    {
      offerId: offer.id,
      pduCode: plan.pdu,
      quantity: plan.quantity,
      startDate: financialYearStart(financialYear),
      endDate: `${Number(financialYear.slice(0, 4)) + 1}-03-31`,
      // Both demo providers have income under GBP 1m and agree an advance schedule: the first instalment is paid in April.
      advancePayment: true,
      idempotencyKey: randomUUID(),
    },
    { historic: true },
  );
  if (order.status !== OrderStatus.SUBMITTED) return undefined;
  return orders.accept(demoProvider(plan.org), order.id);
}
