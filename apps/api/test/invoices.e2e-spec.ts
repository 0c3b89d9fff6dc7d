import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { Clock } from '@mkt/common';
import { awardContract, ContractHandle, createPublishedOffer, reportAndApprove, setBudget } from './harness/contract-factories';
import { ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

const INVOICE = `id status period kind invoiceNumber issuedOn receivedOn payBy net { amount } vat { amount } gross { amount }
  paidOn daysToPay paidOnTime paymentId disputeReason reviewedBy`;
const SUBMIT = `mutation ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { ${INVOICE} } }`;
const PAY = `mutation ($input: PayInvoiceInput!) { payInvoice(input: $input) { ${INVOICE} } }`;

/**
 * Invoices and the 30-day rule, worked example: a GBP 10,200.00 contract over 2026-27 (20% on
 * outcomes: fixed 8,160.00, 2,040.00 a quarter). Q1 is invoiced on 1 July and paid on day 30 (on
 * time); Q2 is invoiced on 1 October and paid on 1 November, day 31 (late).
 */
describe('invoices and prompt payment', () => {
  let app: TestApp;
  let cara: string; // commissioner, north-west: approves
  let colin: string; // commissioner, north-west: pays
  let wendy: string; // commissioner, wales
  let directorate: string;
  let provider: ProviderHandle;
  let other: ProviderHandle;
  let contract: ContractHandle;

  /** Moves the app's clock to a day (noon UTC), as if the test ran then. */
  const setToday = (date: string) => {
    const clock = app.nest.get(Clock);
    clock.advance(Date.parse(`${date}T12:00:00Z`) - clock.now().getTime());
  };
  const submit = (input: Record<string, unknown>, token = provider.token) =>
    app.gql(SUBMIT, { input: { contractId: contract.id, kind: 'FIXED', vatAmount: '0.00', ...input } }, token);
  const act = (name: string, id: string, token: string) => app.gql(`mutation ($id: ID!) { ${name}(id: $id) { ${INVOICE} } }`, { id }, token);
  const pay = (invoiceId: string, paidOn: string, token = colin, idempotencyKey: string = randomUUID()) =>
    app.gql(PAY, { input: { invoiceId, paidOn, reference: `FIN-${paidOn}`, idempotencyKey } }, token);

  beforeAll(async () => {
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    wendy = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'wendy' });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst' });
    await setBudget(app, 'north-west', '2026-27', '100000.00');
    provider = await registerProvider(app, { regionCodes: ['north-west'] });
    other = await registerProvider(app, { regionCodes: ['north-west'] });
    const offer = await createPublishedOffer(app, provider, { unitPrice: '850.00' });
    contract = await awardContract(app, cara, provider, {
      offerId: offer.id,
      pduCode: 'liverpool-north',
      quantity: 12,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('invoices a fixed instalment in arrears, once, and pays it on day 30: on time', async () => {
    expect(contract.schedule.map((s) => s.fixedDue)).toEqual(['2040.00', '2040.00', '2040.00', '2040.00']);
    setToday('2026-06-15');
    expect(errorCode(await submit({ period: '2026-27-Q1', amount: '2040.00', invoiceNumber: 'INV-001', issuedOn: '2026-06-15' }))).toBe(
      'INVOICE_NOT_DUE',
    );

    setToday('2026-07-01');
    const input = { period: '2026-27-Q1', amount: '2040.00', invoiceNumber: 'INV-001', issuedOn: '2026-07-01' };
    const invoice = expectOk(await submit(input)).submitInvoice;
    expect(invoice).toMatchObject({
      status: 'SUBMITTED',
      receivedOn: '2026-07-01',
      payBy: '2026-07-31',
      gross: { amount: '2040.00' },
      paidOnTime: null,
    });
    // A retry returns the same invoice; the same number with other details is refused.
    expect(expectOk(await submit(input)).submitInvoice.id).toBe(invoice.id);
    expect(errorCode(await submit({ ...input, amount: '2000.00' }))).toBe('INVOICE_NUMBER_TAKEN');
    // What is already invoiced counts against what is due.
    expect(errorCode(await submit({ ...input, amount: '0.01', invoiceNumber: 'INV-001B' }))).toBe('INVOICE_EXCEEDS_DUE');

    expect(errorCode(await pay(invoice.id, '2026-07-01'))).toBe('INVALID_STATE'); // not approved yet
    expect(expectOk(await act('approveInvoice', invoice.id, cara)).approveInvoice.status).toBe('APPROVED');
    setToday('2026-07-31');
    expect(errorCode(await pay(invoice.id, '2026-07-31', cara))).toBe('SEPARATION_OF_DUTIES');
    const paid = expectOk(await pay(invoice.id, '2026-07-31')).payInvoice;
    expect(paid).toMatchObject({ status: 'PAID', paidOn: '2026-07-31', daysToPay: 30, paidOnTime: true });

    const schedule = expectOk(
      await app.gql(`query ($id: ID!) { contract(id: $id) { schedule { period fixedPaid { amount } } } }`, { id: contract.id }, cara),
    ).contract.schedule;
    expect(schedule[0]).toEqual({ period: '2026-27-Q1', fixedPaid: { amount: '2040.00' } });
  });

  it('counts day 31 as late, and reports the shares per six-month period', async () => {
    setToday('2026-10-01');
    const q2 = expectOk(await submit({ period: '2026-27-Q2', amount: '2040.00', invoiceNumber: 'INV-002', issuedOn: '2026-09-30' })).submitInvoice;
    expectOk(await act('approveInvoice', q2.id, cara));
    setToday('2026-11-01');
    expect(expectOk(await pay(q2.id, '2026-11-01')).payInvoice).toMatchObject({ daysToPay: 31, paidOnTime: false });

    const periods = expectOk(
      await app.gql(
        `{ paymentCompliance { periodStart periodEnd invoicesPaid averageDaysToPay paidWithinTermPercent paidWithin30DaysPercent
            paidIn31To60DaysPercent paidAfter60DaysPercent grossPaid { amount } } }`,
        {},
        directorate,
      ),
    ).paymentCompliance;
    expect(periods).toEqual([
      {
        periodStart: '2026-04-01',
        periodEnd: '2026-09-30',
        invoicesPaid: 1,
        averageDaysToPay: 30,
        paidWithinTermPercent: 100,
        paidWithin30DaysPercent: 100,
        paidIn31To60DaysPercent: 0,
        paidAfter60DaysPercent: 0,
        grossPaid: { amount: '2040.00' },
      },
      {
        periodStart: '2026-10-01',
        periodEnd: '2027-03-31',
        invoicesPaid: 1,
        averageDaysToPay: 31,
        paidWithinTermPercent: 0,
        paidWithin30DaysPercent: 0,
        paidIn31To60DaysPercent: 100,
        paidAfter60DaysPercent: 0,
        grossPaid: { amount: '2040.00' },
      },
    ]);
    // A commissioner of another region sees none of it.
    expect(expectOk(await app.gql(`{ paymentCompliance { invoicesPaid } }`, {}, wendy)).paymentCompliance).toEqual([]);
  });

  it('keeps net, VAT and gross apart, and lets a disputed invoice be replaced', async () => {
    setToday('2027-01-04');
    const base = { period: '2026-27-Q3', issuedOn: '2027-01-04' };
    expect(errorCode(await submit({ ...base, amount: '1000.00', vatAmount: '200.01', invoiceNumber: 'INV-003' }))).toBe('BAD_USER_INPUT');
    const q3 = expectOk(await submit({ ...base, amount: '1000.00', vatAmount: '200.00', invoiceNumber: 'INV-003' })).submitInvoice;
    expect(q3).toMatchObject({ net: { amount: '1000.00' }, vat: { amount: '200.00' }, gross: { amount: '1200.00' } });
    const disputed = expectOk(
      await app.gql(
        `mutation ($input: DisputeInvoiceInput!) { disputeInvoice(input: $input) { ${INVOICE} } }`,
        { input: { invoiceId: q3.id, reason: 'Purchase order number missing' } },
        cara,
      ),
    ).disputeInvoice;
    expect(disputed).toMatchObject({ status: 'DISPUTED', disputeReason: 'Purchase order number missing' });
    expect(errorCode(await act('approveInvoice', q3.id, cara))).toBe('INVALID_STATE');
    // A disputed invoice no longer counts as asked for: the corrected one may claim the whole instalment.
    expect(expectOk(await submit({ ...base, amount: '2040.00', invoiceNumber: 'INV-003A' })).submitInvoice.status).toBe('SUBMITTED');
  });

  it('invoices an outcome payment only once it is earned', async () => {
    setToday('2027-01-05');
    expect(
      errorCode(await submit({ period: '2026-27-Q1', kind: 'OUTCOME', amount: '10.00', invoiceNumber: 'OUT-001', issuedOn: '2027-01-05' })),
    ).toBe('INVOICE_NOT_DUE');
    const { earned } = await reportAndApprove(app, provider, cara, contract, '2026-27-Q1', [1, 1]);
    expect(earned).toBe('510.00');
    const outcome = expectOk(
      await submit({ period: '2026-27-Q1', kind: 'OUTCOME', amount: earned, invoiceNumber: 'OUT-001', issuedOn: '2027-01-05' }),
    ).submitInvoice;
    expect(outcome.status).toBe('SUBMITTED');
  });

  it('keeps every invoice within its provider and region', async () => {
    const list = expectOk(await app.gql(`{ invoices(first: 50) { totalCount edges { node { id } } } }`, {}, provider.token)).invoices;
    expect(list.totalCount).toBeGreaterThanOrEqual(4);
    const id = list.edges[0].node.id as string;
    expect(expectOk(await app.gql(`{ invoices(first: 50) { totalCount } }`, {}, other.token)).invoices.totalCount).toBe(0);
    expect(errorCode(await app.gql(`query ($id: ID!) { invoice(id: $id) { id } }`, { id }, other.token))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(`query ($id: ID!) { invoice(id: $id) { id } }`, { id }, wendy))).toBe('NOT_FOUND');
    expect(errorCode(await act('approveInvoice', id, wendy))).toBe('NOT_FOUND');
    expect(errorCode(await submit({ period: '2026-27-Q4', amount: '1.00', invoiceNumber: 'X-1', issuedOn: '2027-01-05' }, other.token))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets only one of many concurrent invoices claim an instalment, and pays a retried payment once', async () => {
    setToday('2027-04-01');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => submit({ period: '2026-27-Q4', amount: '2040.00', invoiceNumber: `Q4-${i}`, issuedOn: '2027-04-01' })),
    );
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'INVOICE_EXCEEDS_DUE')).toHaveLength(9);
    const q4 = ok[0].data!.submitInvoice;
    expectOk(await act('approveInvoice', q4.id, cara));
    const key = randomUUID();
    const paid = await Promise.all([pay(q4.id, '2027-04-01', colin, key), pay(q4.id, '2027-04-01', colin, key)]);
    expect(paid.map((p) => expectOk(p).payInvoice.status)).toEqual(['PAID', 'PAID']);
    const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM payment WHERE contract_id = $1 AND period = '2026-27-Q4'`, [contract.id]);
    expect(rows[0].n).toBe(1);
  });
});
