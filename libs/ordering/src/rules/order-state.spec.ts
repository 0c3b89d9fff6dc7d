import { OrderStatus } from '../ordering.enums';
import { canTransition, holdsReservation } from './order-state';

describe('order state machine', () => {
  const all = Object.values(OrderStatus);
  const allowed = new Set([
    'PENDING_APPROVAL>SUBMITTED',
    'PENDING_APPROVAL>REJECTED',
    'PENDING_APPROVAL>EXPIRED',
    'SUBMITTED>ACCEPTED',
    'SUBMITTED>DECLINED',
    'SUBMITTED>WITHDRAWN',
    'SUBMITTED>EXPIRED',
  ]);

  it('allows exactly the documented transitions', () => {
    for (const from of all) {
      for (const to of all) {
        expect({ transition: `${from}>${to}`, ok: canTransition(from, to) }).toEqual({
          transition: `${from}>${to}`,
          ok: allowed.has(`${from}>${to}`),
        });
      }
    }
  });

  it('holds a reservation only while waiting', () => {
    expect(all.filter(holdsReservation)).toEqual([OrderStatus.PENDING_APPROVAL, OrderStatus.SUBMITTED]);
  });
});
