import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Fails the test on any WCAG 2.2 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
}

/**
 * Every test collects console errors about the Content-Security-Policy, and requests to any other
 * origin than the app's, and fails on any.
 */
export const test = base.extend<{ cspWatch: void; axeAtEnd: void }>({
  // Every journey ends with axe on its last screen, besides the checks it makes on the way.
  axeAtEnd: [
    async ({ page }, use, testInfo) => {
      await use();
      if (testInfo.status !== testInfo.expectedStatus || page.isClosed() || page.url() === 'about:blank') return;
      await page.emulateMedia({ media: 'screen' });
      await expectAccessible(page, 'the last screen of the journey');
    },
    { auto: true },
  ],
  cspWatch: [
    async ({ context, baseURL }, use) => {
      const violations: string[] = [];
      const elsewhere: string[] = [];
      context.on('console', (msg) => {
        const text = msg.text();
        if (/Content Security Policy|Content-Security-Policy/i.test(text)) violations.push(text);
      });
      context.on('request', (req) => {
        const url = req.url();
        if (!/^(data|blob):/.test(url) && new URL(url).origin !== new URL(baseURL!).origin) elsewhere.push(url);
      });
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
      expect(elsewhere, 'requests to another origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const demo = {
  worker: { username: 'ffion', password: 'homeward-demo', name: 'Ffion Davies' },
  otherWorker: { username: 'dylan', password: 'homeward-demo', name: 'Dylan Morgan' },
  manager: { username: 'megan', password: 'homeward-demo', name: 'Megan Hughes' },
};

/** A child's name no other test run uses, so tests never see each other's cases. */
export function uniqueChild(first: string): string {
  return `${first} ${Date.now().toString(36).slice(-5)}`;
}
