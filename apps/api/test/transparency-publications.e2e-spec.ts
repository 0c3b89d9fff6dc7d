import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { Clock } from '@mkt/common';
import { contract, ContractHandle, recordPayment, reversePayment, setBudget } from './harness/contract-factories';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * The transparency publications of payments, worked example (2026-27, north-west, no outcome share):
 * - Housing: GBP 160,000.00, fixed 40,000.00 a quarter; Q1 paid on 10 July without an invoice, then reversed;
 * - Mentoring: GBP 112,000.00, 28,000.00 a quarter; Q1 invoiced at 28,000.00 net + 5,600.00 VAT and paid
 *   on 15 July: 33,600.00 gross, over GBP 30,000 though its net is not;
 * - Peer support: GBP 28,000.00, 7,000.00 a quarter; Q1 paid on 12 July: under both thresholds;
 */
describe('transparency publications of payments', () => {
  let app: TestApp;
  let cara: string;
  let colin: string;
  let rita: string;
  const get = (path: string) => fetch(`${app.url}${path}`);
  const setToday = (date: string) => {
    const clock = app.nest.get(Clock);
    clock.advance(Date.parse(`${date}T12:00:00Z`) - clock.now().getTime());
  };

  /** Placed by cara, approved by rita (a regional director: these orders are over GBP 100,000) when it needs approval, accepted by the provider. */
  async function award(provider: ProviderHandle, unitPrice: string): Promise<ContractHandle> {
    const offer = await createPublishedOffer(app, provider, { unitPrice });
    const input = {
      idempotencyKey: randomUUID(),
      offerId: offer.id,
      pduCode: 'liverpool-north',
      quantity: 4,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      outcomeSharePercent: 0,
    };
    const placed = expectOk(
      await app.gql(`mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`, { input }, cara),
    ).placeOrder;
    if (placed.status === 'PENDING_APPROVAL')
      expectOk(await app.gql(`mutation ($id: ID!) { approveOrder(id: $id) { id } }`, { id: placed.id }, rita));
    const accepted = expectOk(await app.gql(`mutation ($id: ID!) { acceptOrder(id: $id) { contract { id } } }`, { id: placed.id }, provider.token));
    return contract(app, cara, accepted.acceptOrder.contract.id, placed.id);
  }

  let housing: ProviderHandle;
  let mentoring: ProviderHandle;
  let housingPaymentId: string;
  let mentoringPaymentId: string;
  let housingContract: ContractHandle;
  let mentoringContract: ContractHandle;

  beforeAll(async () => {
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    rita = await app.token({ roles: [Role.COMMISSIONER, Role.REGIONAL_DIRECTOR], regions: ['north-west'], sub: 'rita' });
    await setBudget(app, 'north-west', '2026-27', '500000.00');
    housing = await registerProvider(app, { regionCodes: ['north-west'], legalName: 'Synthetic Housing Trust' });
    mentoring = await registerProvider(app, { regionCodes: ['north-west'], legalName: 'Synthetic Mentoring, Ltd' });
    const peers = await registerProvider(app, { regionCodes: ['north-west'], legalName: 'Synthetic Peer Support' });
    housingContract = await award(housing, '40000.00');
    mentoringContract = await award(mentoring, '28000.00');
    const peerContract = await award(peers, '7000.00');
    expect([housingContract.value, mentoringContract.value, peerContract.value]).toEqual(['160000.00', '112000.00', '28000.00']);

    setToday('2026-07-01');
    const submitted = expectOk(
      await app.gql(
        `mutation ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { id } }`,
        {
          input: {
            contractId: mentoringContract.id,
            period: '2026-27-Q1',
            kind: 'FIXED',
            amount: '28000.00',
            vatAmount: '5600.00',
            invoiceNumber: 'SM-0001',
            issuedOn: '2026-07-01',
          },
        },
        mentoring.token,
      ),
    ).submitInvoice;
    expectOk(await app.gql(`mutation ($id: ID!) { approveInvoice(id: $id) { id } }`, { id: submitted.id }, cara));
    setToday('2026-08-02');
    housingPaymentId = (
      await recordPayment(app, cara, {
        contractId: housingContract.id,
        period: '2026-27-Q1',
        kind: 'FIXED',
        amount: '40000.00',
        paidOn: '2026-07-10',
      })
    ).id;
    const paid = expectOk(
      await app.gql(
        `mutation ($input: PayInvoiceInput!) { payInvoice(input: $input) { paymentId } }`,
        { input: { invoiceId: submitted.id, paidOn: '2026-07-15', reference: 'FIN-SM-0001', idempotencyKey: randomUUID() } },
        colin,
      ),
    ).payInvoice;
    mentoringPaymentId = paid.paymentId;
    await recordPayment(app, cara, { contractId: peerContract.id, period: '2026-27-Q1', kind: 'FIXED', amount: '7000.00', paidOn: '2026-07-12' });
    await reversePayment(app, cara, housingPaymentId);
    // The reversed instalment paid again, correctly, in August (the same quarter's file lists both; the reversed one says so).
    await recordPayment(app, cara, { contractId: housingContract.id, period: '2026-27-Q1', kind: 'FIXED', amount: '40000.00', paidOn: '2026-08-01' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists every payment over GBP 30,000 including VAT in the quarter, without a login', async () => {
    const response = await get('/publications/significant-payments/2026-27-Q2.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Payment date,Amount including VAT,VAT,Supplier,Supplier identifier,Contract identifier (OCID),Contract period,Payment kind,Invoice number,Payment reference,Reversed on',
    );
    expect(lines.slice(1)).toEqual([
      `2026-07-10,40000.00,,Synthetic Housing Trust,${housing.identifier},ocds-npsmkt-${housingContract.id},2026-27-Q1,FIXED,,${housingPaymentId},2026-08-02`,
      `2026-07-15,33600.00,5600.00,"Synthetic Mentoring, Ltd",${mentoring.identifier},ocds-npsmkt-${mentoringContract.id},2026-27-Q1,FIXED,SM-0001,${mentoringPaymentId},`,
      expect.stringMatching(/^2026-08-01,40000\.00,,Synthetic Housing Trust,/),
    ]);
  });

  it('lists spend over GBP 25,000 per month as HM Treasury publishes it', async () => {
    const july = (await (await get('/publications/spend-over-25000/2026-07.csv')).text()).trimEnd().split('\r\n');
    expect(july[0]).toBe('Department family,Entity,Date,Expense type,Expense area,Supplier,Transaction number,Amount,Description');
    expect(july.slice(1)).toEqual([
      `Ministry of Justice,HM Prison and Probation Service (National Probation Service commissioning),2026-07-10,ACCOMMODATION,north-west,Synthetic Housing Trust,${housingPaymentId},40000.00,"Probation services contract, 2026-27-Q1 fixed instalment (reversed 2026-08-02)"`,
      `Ministry of Justice,HM Prison and Probation Service (National Probation Service commissioning),2026-07-15,ACCOMMODATION,north-west,"Synthetic Mentoring, Ltd",${mentoringPaymentId},33600.00,"Probation services contract, 2026-27-Q1 fixed instalment"`,
    ]);
    const june = (await (await get('/publications/spend-over-25000/2026-06.csv')).text()).trimEnd().split('\r\n');
    expect(june).toHaveLength(1);
  });

  it('answers a name that is not a quarter or a month with NOT_FOUND', async () => {
    for (const path of [
      '/publications/significant-payments/2026-27-Q5.csv',
      '/publications/significant-payments/2026-28-Q1.csv',
      '/publications/spend-over-25000/2026-13.csv',
      '/publications/spend-over-25000/2026-07.json',
    ]) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });
});
