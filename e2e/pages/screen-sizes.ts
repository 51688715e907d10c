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

/** The sizes a screen is looked at: landscape and portrait tablet, and a phone. */
export const reviewSizes = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];

export type Lang = 'en' | 'cy';

/** Switches the app's language with the header's switch (remembered on the device). */
export async function useLanguage(page: Page, lang: Lang) {
  await page.locator(`.lang-switch button[lang=${lang}]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Controls a finger must hit, smaller than 44x44 CSS pixels (a check box or radio counts by the
 *  row around it, which its label makes a target too). Links inside running text are exempt. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tap = 44;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40)}"`;
    const small: string[] = [];
    const controls = document.querySelectorAll(
      'a, button, select, textarea, summary, [role=button], input:not([type=hidden])',
    );
    // A link in a sentence is exempt; one alone on its line is a control like any other.
    const inText = (el: Element) =>
      el.matches('a:not(.button)') &&
      !el.closest('nav') &&
      (el.parentElement?.textContent ?? '').trim() !== (el.textContent ?? '').trim();
    for (const el of controls) {
      if (!shown(el) || inText(el)) continue;
      const boxy = el.matches('input[type=checkbox], input[type=radio]');
      const target = boxy ? (el.closest('label, .choice, .check, .task') ?? el) : el;
      const r = target.getBoundingClientRect();
      if (r.height < tap - 0.5 || (!boxy && r.width < tap - 0.5)) {
        small.push(`${name(el)} ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
    }
    return small;
  });
}

/** Text of the interface (not of the case): headings, labels, buttons, table heads, names. */
export async function interfaceTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const els = document.querySelectorAll(
      'h1, h2, h3, h4, label, legend, button, th, summary, dt, option, .hint, a.button, nav a, [aria-label], [placeholder]',
    );
    for (const el of els) {
      texts.push(((el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' '));
      const aria = el.getAttribute('aria-label');
      if (aria) texts.push(aria);
      const placeholder = el.getAttribute('placeholder');
      if (placeholder) texts.push(placeholder);
    }
    return texts;
  });
}
