import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { Role } from '@mkt/auth';
import { awardContract, setBudget } from '../../api/test/harness/contract-factories';
import { createPublishedOffer, registerProvider, type ProviderHandle } from '../../api/test/harness/factories';
import { expectOk, startTestApp, TestApp } from '../../api/test/harness/test-app';
import { describeInBrowser, launchBrowser, screenshot } from './harness/browser';
import { Person, signInAs } from './harness/pages';

/**
 * During a contract, with JavaScript on: the charity declares a subcontractor and submits the
 * quarter's performance report; one commissioner approves it, another records the outcome payment
 * (an overpayment is refused, linked to the amount). The contract is set up through the API.
 */
describeInBrowser('web journeys: performance reports, payments and subcontractors', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let person: Person;
  let provider: ProviderHandle;
  let contractId = '';
  let earned = '';
  let offerId = '';
  let commissioner = '';

  beforeAll(async () => {
    app = await startTestApp();
    provider = await registerProvider(app, { legalName: 'Harbour Recovery Network (synthetic)' });
    const offer = await createPublishedOffer(app, provider, { title: 'Recovery coaching after release' });
    await setBudget(app, 'north-west', '2026-27', '50000.00');
    offerId = offer.id;
    commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-nw-1' });
    const awarded = await awardContract(app, commissioner, provider, {
      offerId: offer.id,
      pduCode: 'west-cheshire',
      quantity: 10,
      startDate: '2026-07-01',
      endDate: '2027-03-31',
    });
    contractId = awarded.id;
    browser = await launchBrowser();
    page = await browser.newPage();
    person = new Person(page, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(() => expect(person.violations).toEqual([]));

  it('the charity declares a tier 2 subcontractor and submits the quarter report', async () => {
    await signInAs(person, { role: 'PROVIDER', sub: 'bid-manager', org: provider.identifier });
    await person.click('Your contracts');
    await person.click('Recovery coaching after release');
    await person.choose('Tier 2');
    await person.fill('subName', 'Riverside Peer Mentors (synthetic)');
    await person.fill('subIdentifier', 'GB-CHC-1180042');
    await person.fill('serviceSummary', 'Peer mentoring in the first month after release.');
    await person.click('Declare subcontractor');
    expect(await person.text()).toContain('Riverside Peer Mentors (synthetic) declared as a tier 2 subcontractor');

    await person.click('Submit report');
    expect((await person.errorSummary())[0]).toEqual({ text: 'Select the reporting period', href: '#period' });
    await person.select('period', '2026-27-Q2');
    for (const id of await page.$$eval('input[id^="actual-"]', (inputs) => inputs.map((i) => i.id))) await person.fill(id, '0.5');
    await person.fill('narrative', 'Ten referrals started; half kept their tenancy through the quarter.');
    await person.click('Submit report');
    expect(await person.text()).toContain('Performance report for 2026-27-Q2 submitted');
  });

  it('a commissioner approves the report; another records the outcome payment, refused first when too much', async () => {
    await signInAs(person, { role: 'COMMISSIONER', sub: 'commissioner-nw-1', regions: ['north-west'] });
    await person.click('Contracts in your regions');
    await person.click('Recovery coaching after release');
    await person.click('Approve report for 2026-27-Q2');
    earned = /approved: £([\d,.]+) earned/.exec(await person.text())![1].replace(/,/g, '');
    expect(Number(earned)).toBeGreaterThan(0);

    await signInAs(person, { role: 'COMMISSIONER', sub: 'commissioner-nw-2', regions: ['north-west'] });
    await person.open(`/commissioner/contracts/${contractId}`);
    await person.select('paymentPeriod', '2026-27-Q2');
    await person.choose('Outcome payment');
    await person.fill('amount', '99999.00');
    await person.fill('paidOn-day', '1');
    await person.fill('paidOn-month', '12');
    await person.fill('paidOn-year', '2026');
    await person.fill('reference', 'FIN-2026-0042');
    await person.click('Record payment');
    const [overpaid] = await person.errorSummary();
    expect(overpaid.href).toBe('#amount');
    expect(overpaid.text).toContain('would overpay');

    await person.fill('amount', earned);
    await person.click('Record payment');
    expect(await person.text()).toMatch(/Payment of £[\d,]+\.\d\d recorded for 2026-27-Q2 \(outcome\)/);
    expect(await person.text()).toContain('FIN-2026-0042');
    await screenshot(page, 'commissioner-payment-recorded');
  });

  async function placeOrder(quantity: number): Promise<string> {
    const input = { idempotencyKey: randomUUID(), offerId, pduCode: 'west-cheshire', quantity, startDate: '2027-01-04', endDate: '2027-03-31' };
    return expectOk(await app.gql(`mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, { input }, commissioner)).placeOrder.id;
  }

  it('the charity declines an order, giving its reason', async () => {
    const orderId = await placeOrder(5);
    await signInAs(person, { role: 'PROVIDER', sub: 'bid-manager', org: provider.identifier });
    await person.click('Orders');
    await person.open(`/provider/orders/${orderId}`);
    await person.click('Decline order');
    expect(await person.errorSummary()).toEqual([{ text: 'Enter why you decline the order', href: '#reason' }]);
    await person.fill('reason', 'No caseworker free in West Cheshire until April.');
    await person.click('Decline order');
    expect(await person.text()).toContain('Order declined');
    expect(await person.text()).toContain('No caseworker free in West Cheshire until April.');
  });

  it('a second commissioner rejects a large order awaiting approval', async () => {
    const orderId = await placeOrder(40); // above the approval threshold
    await signInAs(person, { role: 'COMMISSIONER', sub: 'commissioner-nw-2', regions: ['north-west'] });
    await person.open(`/commissioner/orders/${orderId}`);
    await person.fill('reason', 'Covered by the accommodation contract already in place.');
    await person.click('Reject order');
    expect(await person.text()).toContain('Order rejected. Its reservation on the budget is released.');
    await screenshot(page, 'commissioner-order-rejected');
  });

  it('the commissioner who placed an order withdraws it before the charity answers', async () => {
    const orderId = await placeOrder(3);
    await signInAs(person, { role: 'COMMISSIONER', sub: 'commissioner-nw-1', regions: ['north-west'] });
    await person.open(`/commissioner/orders/${orderId}`);
    await person.click('Withdraw order');
    expect(await person.errorSummary()).toEqual([{ text: 'Enter why you withdraw the order', href: '#reason' }]);
    await person.fill('reason', 'The referral was met by another service.');
    await person.click('Withdraw order');
    expect(await person.text()).toContain('Order withdrawn');
    expect(await person.text()).not.toContain('Withdraw the order');
  });

  it('the charity withdraws its offer: no new orders', async () => {
    await signInAs(person, { role: 'PROVIDER', sub: 'bid-manager', org: provider.identifier });
    await person.open(`/provider/offers/${offerId}`);
    await person.click('Withdraw offer');
    expect(await person.text()).toContain('Offer withdrawn');
    expect(await person.text()).toMatch(/Status\s+Withdrawn/);
  });
});
