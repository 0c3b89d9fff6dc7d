import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer-core';

/**
 * Chromium from the Debian package drives the pages, as a person would. Every page visited is
 * checked with axe-core against WCAG 2.2 AA; the last page of each journey is saved as a screenshot
 * in screenshots/ (git-ignored) to look at.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCREENSHOTS = path.join(process.cwd(), 'screenshots');
const axeSource: string = (createRequire(path.join(process.cwd(), 'package.json'))('axe-core') as { source: string }).source;

/** `describe` when Chromium is installed; otherwise the file is skipped with a notice saying why. */
export function describeInBrowser(name: string, body: () => void): void {
  if (haveChromium) return describe(name, body);
  process.stdout.write(`NOTICE: browser tests "${name}" skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)\n`);
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
  });
}

/** Violations of WCAG 2.2 AA on the page as it is now, as readable lines (empty: none). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // axe needs timers, which do not run while the page's JavaScript is off: switch it on for the
  // check only. Scripts the page skipped when it loaded are not run by this.
  const jsWasOff = !page.isJavaScriptEnabled();
  if (jsWasOff) await page.setJavaScriptEnabled(true);
  try {
    return await runAxe(page);
  } finally {
    if (jsWasOff) await page.setJavaScriptEnabled(false);
  }
}

async function runAxe(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  // Injected through the DevTools protocol: the page's CSP does not apply, and the page's own JS may be off.
  if (!injected) await page.mainFrame().evaluate(axeSource);
  const result = (await page.evaluate(
    // Runs in the page: `globalThis` is its window, with axe injected above.
    (tags) => {
      const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<unknown> } };
      return page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } });
    },
    WCAG_TAGS,
  )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
