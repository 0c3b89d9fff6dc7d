import { randomUUID } from 'node:crypto';
import { Principal, Role } from '@mkt/auth';
import { formatPence, RequestLoaders } from '@mkt/common';
import { PaymentKind } from '../contracts.enums';
import { ContractsService } from '../services/contracts.service';
import { PaymentsService } from '../services/payments.service';

/**
 * Pays the first period's fixed instalment of the contract made from a demo order (which has an
 * advance payment schedule: payable from the period's first day), as the contract's schedule states it: on 20 April, or today in the first days of the financial year
 * (a payment may not be dated in the future).
 */
export async function demoFirstInstalment(
  contracts: ContractsService,
  payments: PaymentsService,
  order: { id: string; regionCode: string; financialYear: string },
  today: string,
): Promise<void> {
  const finance: Principal = { sub: `demo-finance-${order.regionCode}`, roles: [Role.COMMISSIONER], regions: [order.regionCode] };
  const aprilTwentieth = `${order.financialYear.slice(0, 4)}-04-20`;
  const contract = (await contracts.byOrderLoader(new RequestLoaders()).load(order.id))!;
  const [first] = contracts.scheduleOf(contract, [], []);
  await payments.record(finance, {
    contractId: contract.id,
    period: first.period,
    kind: PaymentKind.FIXED,
    amount: formatPence(first.fixedDue),
    paidOn: today < aprilTwentieth ? today : aprilTwentieth,
    reference: 'DEMO-0001',
    idempotencyKey: randomUUID(),
  });
}
