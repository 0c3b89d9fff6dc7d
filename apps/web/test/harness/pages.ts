import type { Page } from 'puppeteer-core';
import { accessibilityViolations } from './browser';

/**
 * The little of the DOM the callbacks run in the page use: the tsconfig has no DOM lib (this code
 * runs in Node), so puppeteer's element types do not resolve here. The callbacks are sent to the
 * page as source text, so they cast (erased) rather than call a helper of this file.
 */
interface PageElement {
  textContent: string | null;
  innerText: string;
  value: string;
  click(): void;
  getAttribute(name: string): string | null;
}

/**
 * A person's actions on a page. Every navigation ends with the accessibility check, so no page
 * of a journey escapes it; `visited` records each page's title and path for the assertions.
 */
export class Person {
  readonly visited: string[] = [];
  readonly violations: string[] = [];

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(pathname: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${pathname}`, { waitUntil: 'load' });
    await this.checked();
  }

  /** Clicks a button or link by its visible text (in the page's main content first) and waits for the next page. */
  async click(label: string): Promise<void> {
    const match = `*[self::button or self::a][normalize-space(.)=${xpathString(label)}]`;
    const handle = (await this.page.$(`::-p-xpath(//main//${match})`)) ?? (await this.page.$(`::-p-xpath(//${match})`));
    if (!handle) throw new Error(`No button or link "${label}" on ${this.page.url()}`);
    await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), handle.click()]);
    await this.checked();
  }

  async fill(labelOrId: string, value: string): Promise<void> {
    const id = await this.fieldId(labelOrId);
    await this.page.$eval(byId(id), (el) => ((el as unknown as PageElement).value = ''));
    await this.page.type(byId(id), value);
  }

  async select(labelOrId: string, value: string): Promise<void> {
    await this.page.select(byId(await this.fieldId(labelOrId)), value);
  }

  /** Ticks a radio or checkbox by its label text. */
  async choose(label: string): Promise<void> {
    const id = await this.fieldId(label);
    await this.page.$eval(byId(id), (el) => (el as unknown as PageElement).click());
  }

  async heading(): Promise<string> {
    return this.page.$eval('h1', (el) => (el as unknown as PageElement).textContent!.trim());
  }

  async text(selector = 'main'): Promise<string> {
    return this.page.$eval(selector, (el) => (el as unknown as PageElement).innerText);
  }

  async errorSummary(): Promise<{ text: string; href: string }[]> {
    return this.page.$$eval('.govuk-error-summary__list a', (links) =>
      links.map((link) => ({
        text: (link as unknown as PageElement).textContent!.trim(),
        href: (link as unknown as PageElement).getAttribute('href')!,
      })),
    );
  }

  private async fieldId(labelOrId: string): Promise<string> {
    if (await this.page.$(byId(labelOrId))) return labelOrId;
    const id = await this.page.$$eval(
      'label',
      (labels, wanted) => (labels as unknown as PageElement[]).find((l) => l.textContent!.trim() === wanted)?.getAttribute('for') ?? null,
      labelOrId,
    );
    if (!id) throw new Error(`No field labelled "${labelOrId}" on ${this.page.url()}`);
    return id;
  }

  private async checked(): Promise<void> {
    const title = await this.page.title();
    if (process.env.WEB_TEST_DEBUG) process.stdout.write(`visited ${this.page.url()} ${title}\n`);
    this.visited.push(`${new URL(this.page.url()).pathname} ${title}`);
    for (const violation of await accessibilityViolations(this.page)) this.violations.push(`${this.page.url()}: ${violation}`);
  }
}

function xpathString(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** An attribute selector: ids such as "2" or "startDate-day" need no CSS escaping this way. */
function byId(id: string): string {
  return `[id="${id}"]`;
}

export interface SignInAs {
  role: 'PROVIDER' | 'COMMISSIONER' | 'DIRECTORATE' | 'ADMIN' | 'AUDITOR';
  sub: string;
  org?: string;
  regions?: string[];
}

/** Signs out whoever is signed in, then in through the development sign-in page. */
export async function signInAs(person: Person, who: SignInAs): Promise<void> {
  if (await person.page.$('a[href="/sign-out"]')) {
    await person.open('/sign-out');
    await person.click('Sign out');
  }
  await person.open('/sign-in');
  await person.choose(who.role.charAt(0) + who.role.slice(1).toLowerCase());
  await person.fill('User name', who.sub);
  if (who.org) await person.fill('org', who.org);
  for (const region of who.regions ?? [])
    await person.page.$eval(`input[name="regions"][value="${region}"]`, (el) => (el as unknown as PageElement).click());
  await person.click('Sign in');
}
