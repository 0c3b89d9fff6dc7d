import type { Browser, Page } from 'puppeteer-core';
import { Role } from '@mkt/auth';
import { startTestApp, TestApp } from '../../api/test/harness/test-app';
import { describeInBrowser, launchBrowser, screenshot } from './harness/browser';
import { Person, signInAs } from './harness/pages';

/**
 * The slice's promise, in a browser with JavaScript OFF (every page must work without it): a charity
 * lists a service, an administrator verifies it, the directorate sets the budget, commissioners buy
 * it (one order over budget refused, one large order approved by a second commissioner), the charity
 * accepts, and the directorate sees the spend and publishes the supply chain for the public.
 */
const ORG = 'GB-CHC-1190001';
const CHARITY = 'Northern Lights Housing Trust';
const OFFER_TITLE = 'Tenancy sustainment for women leaving custody';

describeInBrowser('web journeys: charity lists, commissioner buys, directorate sees the spend (no JavaScript)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let person: Person;
  let orderPath = '';

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    person = new Person(page, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(() => expect(person.violations).toEqual([]));

  it('a charity registers its organisation from its task list', async () => {
    await signInAs(person, { role: 'PROVIDER', sub: 'charity-admin', org: ORG });
    expect(new URL(page.url()).pathname).toBe('/provider');
    expect(await person.text()).toContain('Not started');
    await person.click(`Register your organisation (${ORG})`);
    await person.click('Register organisation');
    expect(await person.errorSummary()).toEqual(
      expect.arrayContaining([
        { text: 'Enter the legal name', href: '#legalName' },
        { text: 'Select the regions you work in', href: '#regionCodes' },
      ]),
    );
    await person.fill('Legal name', CHARITY);
    await person.choose('Registered charity');
    await person.fill('Charity number (optional)', '1190001');
    await person.choose('£100,000 to £1 million');
    await person.fill('Contact email address', 'referrals@example.org');
    await person.choose('North West');
    await person.click('Register organisation');
    expect(await person.text()).toContain('Your organisation is registered');
    expect(await person.text()).toContain('Waiting for an administrator');
    await screenshot(page, 'charity-task-list');
  });

  it('the charity creates an offer with outcome commitments; publishing waits for verification', async () => {
    await person.click('Create an offer with its outcome commitments');
    await person.fill('Title', OFFER_TITLE);
    await person.fill('Summary', 'Weekly support to keep a tenancy for twelve months after release.');
    await person.select('category', 'ACCOMMODATION');
    await person.choose('Per referral');
    await person.fill('unitPrice', '120');
    await person.fill('declaredFullCostPerUnit', '150.00');
    await person.fill('Capacity per month', '100');
    await person.choose('North West');
    await person.select('measure1', 'ACC-05');
    await person.fill('rate1', '60');
    await person.click('Save as draft');
    expect(await person.heading()).toBe(OFFER_TITLE);
    expect(await person.text()).toContain('ACC-05');
    expect(await person.text()).toContain('£30.00'); // the funding gap per unit
    await person.click('Publish offer');
    const [error] = await person.errorSummary();
    expect(error.href).toBe('#publish');
    expect(error.text).toMatch(/verif/i);
  });

  it('an administrator verifies the organisation; the charity publishes the offer', async () => {
    const offerPath = new URL(page.url()).pathname.replace(/\/publish$/, ''); // the refusal was shown on the POST's page
    await signInAs(person, { role: 'ADMIN', sub: 'admin-1' });
    expect(await person.heading()).toBe('Verify organisations');
    await person.click(`Verify organisation ${CHARITY}`);
    expect(await person.text()).toContain(`${CHARITY} is verified`);
    await signInAs(person, { role: 'PROVIDER', sub: 'charity-admin', org: ORG });
    await person.open(offerPath);
    await person.click('Publish offer');
    expect(await person.text()).toContain('Offer published');
    await screenshot(page, 'charity-offer-published');
  });

  it('the directorate sets the region budget', async () => {
    await signInAs(person, { role: 'DIRECTORATE', sub: 'directorate-1' });
    await person.click('Set a budget');
    await person.select('regionCode', 'north-west');
    await person.fill('Financial year', '2026-27');
    await person.fill('amount', '40,000');
    await person.click('Set budget');
    expect(await person.text()).toContain('Budget for North West 2026-27 set to £40,000.00');
  });

  it('a commissioner finds the offer, is refused over budget with the field linked, then orders after checking the answers', async () => {
    await signInAs(person, { role: 'COMMISSIONER', sub: 'commissioner-nw-1', regions: ['north-west'] });
    await person.click('Find a service');
    await person.fill('text', 'tenancy');
    await person.choose('Accommodation');
    await person.fill('maxUnitPrice', 'cheap');
    await person.click('Apply filters');
    expect(await person.errorSummary()).toEqual([
      { text: 'Highest price per unit must be an amount in pounds, like 1250.00', href: '#maxUnitPrice' },
    ]);
    await person.fill('maxUnitPrice', '100');
    await person.click('Apply filters');
    expect(await person.text()).toContain('0 services found'); // the offer costs £120.00 a referral
    await person.fill('maxUnitPrice', '120');
    await person.click('Apply filters');
    expect(await person.text()).toContain('1 service found');
    await screenshot(page, 'commissioner-search');
    await person.click(OFFER_TITLE);
    await person.click('Order this service');
    await fillOrder(person, '400');
    await person.click('Continue');
    expect(await person.heading()).toBe('Check your order before placing it');
    expect(await person.text()).toContain('This order is more than the budget remaining');
    await person.click('Place order');
    const [refusal] = await person.errorSummary();
    expect(refusal.href).toBe('#quantity');
    expect(refusal.text).toContain('budget');
    await screenshot(page, 'commissioner-refused-over-budget');
    expect(await person.text()).not.toMatch(/at .*\.ts:\d+|stack/i);

    await fillOrder(person, '10');
    await person.click('Continue');
    const check = await person.text();
    expect(check).toContain('£1,200.00'); // 10 referrals at £120.00
    expect(check).toMatch(/Budget remaining now\s+£40,000\.00/);
    expect(check).toMatch(/Budget remaining after this order\s+£38,800\.00/);
    await screenshot(page, 'commissioner-check-your-answers');
    await person.click('Place order');
    expect(await person.text()).toContain('Order placed and sent to the provider');
    orderPath = new URL(page.url()).pathname;
  });

  it('a large order waits for a second commissioner, who approves it', async () => {
    await person.open('/commissioner/offers');
    await person.click(OFFER_TITLE);
    await person.click('Order this service');
    await fillOrder(person, '250');
    await person.click('Continue');
    await person.click('Place order');
    expect(await person.text()).toContain('a second commissioner of the region must approve it');
    expect(await person.text()).not.toContain('Approve order');
    const largeOrder = new URL(page.url()).pathname;
    await signInAs(person, { role: 'COMMISSIONER', sub: 'commissioner-nw-2', regions: ['north-west'] });
    const home = await person.text();
    expect(home).toContain('Orders waiting for approval');
    // The region's budget: both orders reserve until the provider answers.
    expect(home).toMatch(/North West\s+2026-27\s+General\s+£40,000\.00\s+£31,200\.00\s+£0\.00\s+£8,800\.00/);
    await person.open(largeOrder);
    await person.click('Approve order');
    expect(await person.text()).toContain('Order approved and sent to the provider');
  });

  it('the charity sees the orders and accepts one', async () => {
    await signInAs(person, { role: 'PROVIDER', sub: 'charity-admin', org: ORG });
    expect(await person.text()).toMatch(/2 waiting/);
    await person.click('See all orders');
    await person.open(orderPath.replace('/commissioner/', '/provider/'));
    await person.click('Accept order');
    expect(await person.text()).toContain('Order accepted');
    expect(await page.$eval('main a[href^="/provider/contracts/"]', (a) => a.textContent!.trim())).toBe('See the contract');
    await screenshot(page, 'charity-order-accepted');
  });

  it('the directorate sees the spend with charts and tables, downloads the CSV and publishes the supply chain', async () => {
    await signInAs(person, { role: 'DIRECTORATE', sub: 'directorate-1' });
    await person.open('/directorate?year=2026-27');
    const dashboard = await person.text();
    expect(dashboard).toMatch(/North West\s+1\s+£1,200\.00\s+£0\.00/);
    expect(dashboard).toContain('100% of the money committed reaches organisations with an income under £1 million');
    expect(dashboard).toMatch(/Providers subsidise £300\.00/); // 10 referrals at £30.00 below full cost
    expect(await page.$$eval('svg.app-chart[role="img"]', (svgs) => svgs.length)).toBe(4);
    await screenshot(page, 'directorate-dashboard');

    const href = await page.$eval('a[href^="/directorate/exports/spend.csv?groupBy=REGION"]', (a) => a.getAttribute('href')!);
    const cookies = (await browser.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const csv = await fetch(`${app.url}${href}`, { headers: { cookie: cookies } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toMatch(/north-west/);

    await person.click('Publish the supply chain');
    await person.fill('Financial year', '2026-27');
    await person.choose('2');
    await person.click('Publish');
    expect(new URL(page.url()).pathname).toBe('/supply-chain');
    expect(await person.text()).toMatch(/Published 2026-27 quarter 2 \(revision 1\): 1 contracts/);
  });

  it('the public reads the supply-chain publications without signing in', async () => {
    await person.open('/sign-out');
    await person.click('Sign out');
    await person.open('/supply-chain');
    expect(await person.text()).toContain('2026-27 quarter 2');
    const csvHref = await page.$eval('main a[href$=".csv"]', (a) => a.getAttribute('href')!);
    expect((await fetch(`${app.url}${csvHref}`)).status).toBe(200);
    await screenshot(page, 'public-supply-chain');
  });

  it('a commissioner is refused, with the field linked, when no budget is set for the year of the start date', async () => {
    await signInAs(person, { role: 'COMMISSIONER', sub: 'commissioner-nw-1', regions: ['north-west'] });
    await person.open('/commissioner/offers');
    await person.click(OFFER_TITLE);
    await person.click('Order this service');
    await fillOrder(person, '5', '2028');
    await person.click('Continue');
    expect(await person.text()).toContain('No budget is set for this region and year');
    await person.click('Place order');
    expect(await person.errorSummary()).toEqual([
      {
        text: 'No budget is set for North West in 2028-29. Choose a start date in a financial year that has a budget, or ask the commissioning directorate to set one.',
        href: '#startDate-day',
      },
    ]);
  });

  it('the provider re-prices between the check page and the order: the commissioner is sent back to check the new price', async () => {
    await person.open('/commissioner/offers');
    await person.click(OFFER_TITLE);
    await person.click('Order this service');
    const offerId = new URL(page.url()).pathname.split('/')[3];
    await fillOrder(person, '5');
    await person.click('Continue');
    expect(await person.text()).toMatch(/Total\s+£600\.00/); // 5 referrals at £120.00

    const provider = await app.token({ roles: [Role.PROVIDER], org: ORG, sub: 'charity-admin' });
    const repriced = await app.gql(
      `mutation ($id: ID!) { updateServiceOffer(id: $id, input: { unitPrice: "130.00" }) { version } }`,
      { id: offerId },
      provider,
    );
    expect(repriced.errors).toBeUndefined();

    await person.click('Place order');
    expect(await person.heading()).toBe('Check your order before placing it');
    expect(await person.errorSummary()).toEqual([
      {
        text: 'The provider changed this offer after you checked your order: the price is now £130.00 per referral. Check the new price and total, then place the order again.',
        href: '#cost',
      },
    ]);
    const check = await person.text();
    expect(check).toMatch(/Price\s+£130\.00 per referral/);
    expect(check).toMatch(/Total\s+£650\.00/);
    await screenshot(page, 'commissioner-offer-changed');
    await person.click('Place order');
    // £650.00 on its own, but the provider's running total this year (£1,200.00 + £30,000.00 + £650.00)
    // is above the scheme of delegation's peer level: it waits for approval, as splitting would.
    expect(await person.text()).toContain('Order placed. It needs approval under the scheme of delegation');
    expect(await person.text()).toContain('£650.00');
  });
});

async function fillOrder(person: Person, quantity: string, startYear = '2026'): Promise<void> {
  await person.select('pduCode', 'west-cheshire');
  await person.fill('Quantity', quantity);
  await person.fill('startDate-day', '1');
  await person.fill('startDate-month', '7');
  await person.fill('startDate-year', startYear);
  await person.fill('endDate-day', '31');
  await person.fill('endDate-month', '3');
  await person.fill('endDate-year', String(Number(startYear) + 1));
}
