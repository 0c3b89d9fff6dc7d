import type { Page } from 'puppeteer-core';
import { accessibilityViolations } from './browser';

/**
 * A person's actions on a page. Every navigation ends with the accessibility check, so no page
 * of a journey escapes it; `visited` records each page's title and path for the assertions.
 */
export class Person {
  readonly visited: string[] = [];
  readonly violations: string[] = [];

  constructor(readonly page: Page, readonly baseUrl: string) {}

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
    await this.page.$eval(`#${cssId(id)}`, (el) => ((el as any).value = ''));
    await this.page.type(`#${cssId(id)}`, value);
  }

  async select(labelOrId: string, value: string): Promise<void> {
    await this.page.select(`#${cssId(await this.fieldId(labelOrId))}`, value);
  }

  /** Ticks a radio or checkbox by its label text. */
  async choose(label: string): Promise<void> {
    const id = await this.fieldId(label);
    await this.page.$eval(`#${cssId(id)}`, (el) => (el as any).click());
  }

  async heading(): Promise<string> {
    return this.page.$eval('h1', (el) => el.textContent!.trim());
  }

  async text(selector = 'main'): Promise<string> {
    return this.page.$eval(selector, (el) => (el as any).innerText);
  }

  async errorSummary(): Promise<{ text: string; href: string }[]> {
    return this.page.$$eval('.govuk-error-summary__list a', (links) =>
      links.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href')! })),
    );
  }

  private async fieldId(labelOrId: string): Promise<string> {
    if (await this.page.$(`#${cssId(labelOrId)}`)) return labelOrId;
    const id = await this.page.$$eval(
      'label',
      (labels, wanted) => labels.find((l) => l.textContent!.trim() === wanted)?.getAttribute('for') ?? null,
      labelOrId,
    );
    if (!id) throw new Error(`No field labelled "${labelOrId}" on ${this.page.url()}`);
    return id;
  }

  private async checked(): Promise<void> {
    const title = await this.page.title();
    this.visited.push(`${new URL(this.page.url()).pathname} ${title}`);
    for (const violation of await accessibilityViolations(this.page)) this.violations.push(`${this.page.url()}: ${violation}`);
  }
}

function xpathString(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

function cssId(id: string): string {
  return id.replace(/([^a-zA-Z0-9_-])/g, '\\$1');
}
