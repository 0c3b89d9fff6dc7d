import type { Browser, Page } from 'puppeteer-core';
import { startTestApp, TestApp } from '../../api/test/harness/test-app';
import { describeInBrowser, launchBrowser, screenshot } from './harness/browser';
import { Person } from './harness/pages';

describeInBrowser('web: layout, start page, sign-in and sign-out', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let person: Person;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    page = await browser.newPage();
    person = new Person(page, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(() => expect(person.violations).toEqual([]));

  it('shows the start page with the GOV.UK header, service name, phase banner and footer', async () => {
    await person.open('/');
    expect(await page.title()).toBe('Buy rehabilitation services directly from voluntary organisations - NPS Commissioning Marketplace - GOV.UK');
    expect(await page.$eval('.govuk-service-navigation__service-name', (el) => el.textContent!.trim())).toBe('NPS Commissioning Marketplace');
    expect(await page.$eval('.govuk-phase-banner', (el) => el.textContent)).toContain('Alpha');
    expect(await page.$('footer.govuk-footer')).not.toBeNull();
    expect(await page.$eval('.govuk-button--start', (el) => el.getAttribute('href'))).toBe('/sign-in');
  });

  it('serves the pages under their own CSP with a nonce, and leaves the API headers alone', async () => {
    const pageResponse = await fetch(`${app.url}/`);
    const csp = pageResponse.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await pageResponse.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`nonce="${nonce}"`);
    const api = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ regions { code } }"}',
    });
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
  });

  it('refuses a sign-in with nothing chosen, linking each error to its field', async () => {
    await person.open('/sign-in');
    expect(await person.text()).toContain('Development only');
    await person.click('Sign in');
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await person.errorSummary()).toEqual([
      { text: 'Select a role', href: '#role' },
      { text: 'Enter a user name of letters, digits, dots or dashes', href: '#sub' },
    ]);
    expect(await page.$('#role')).not.toBeNull(); // the link's target exists
    await screenshot(page, 'sign-in-errors');
  });

  it('signs a commissioner in with a local token, then out again', async () => {
    await person.open('/sign-in');
    await person.choose('Commissioner');
    await person.fill('User name', 'commissioner-nw-1');
    await person.choose('North West');
    await person.click('Sign in');
    expect(new URL(page.url()).pathname).toBe('/commissioner');
    expect(await person.text('body')).toContain('Signed in as commissioner-nw-1');
    const cookie = (await browser.cookies()).find((c) => c.name === 'nps_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    await person.open('/');
    expect(await page.$eval('.govuk-button--start', (el) => [el.textContent!.trim(), el.getAttribute('href')])).toEqual([
      'Continue',
      '/commissioner',
    ]);
    for (const other of ['/provider', '/directorate', '/admin']) {
      await person.open(other);
      expect({ other, heading: await person.heading(), status: 'refused' }).toEqual({
        other,
        heading: 'You cannot view this page',
        status: 'refused',
      });
    }
    await person.click('Sign out');
    await person.click('Sign out');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await person.text()).toContain('You have signed out');
    await screenshot(page, 'sign-out');
  });

  it('sends a signed-out person to sign in from every journey page', async () => {
    for (const journey of ['/provider', '/commissioner/offers', '/directorate', '/admin']) {
      const response = await fetch(`${app.url}${journey}`, { redirect: 'manual' });
      expect({ journey, status: response.status, location: response.headers.get('location') }).toEqual({
        journey,
        status: 303,
        location: '/sign-in',
      });
    }
  });

  it('refuses a form posted without the session CSRF token', async () => {
    const response = await fetch(`${app.url}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'role=ADMIN&sub=mallory',
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Your form has expired');
  });

  it('shows the generic GOV.UK page for an unknown page', async () => {
    await person.open('/supply-chain/no-such-page');
    expect(await person.heading()).toBe('Page not found');
  });
});
