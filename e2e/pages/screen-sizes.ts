import { Page } from '@playwright/test';
import { expect, expectAccessible } from '../fixtures';

/** The tablet in portrait and a phone, besides the default 1024x768 landscape tablet. */
const sizes = [
  { width: 820, height: 1180 },
  { width: 390, height: 844 },
];

/** Checks the screen as it is now at the other supported sizes, nothing wider than the screen,
 *  then puts the default size back. */
export async function expectAtOtherSizes(page: Page, label: string) {
  const before = page.viewportSize();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await expectAccessible(page, `${label} at ${size.width}x${size.height}`);
    const wider = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wider, `${label} is wider than the screen at ${size.width}x${size.height}`).toBe(false);
  }
  if (before) await page.setViewportSize(before);
}
