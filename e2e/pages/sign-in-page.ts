import { Page, expect } from '@playwright/test';

/** The PIN every e2e sign-in chooses (not trivial: the app refuses 123456 and the like). */
export const TEST_PIN = '402817';

const lockedHeading = (page: Page) =>
  page.getByRole('heading', { name: /^(Homeward is locked|Mae Homeward wedi'i gloi)$/ });

/**
 * Every full page load locks Homeward (the data key lives only in memory), so pages of journeys
 * that are not about the lock unlock it whenever the lock screen shows, before their next step.
 */
export async function autoUnlock(page: Page, pin = TEST_PIN) {
  await page.addLocatorHandler(lockedHeading(page), async () => {
    await page.locator('#pin-entry').fill(pin);
    await page.locator('form.pin-form button[type=submit]').click();
    await expect(lockedHeading(page)).toBeHidden();
  });
}

export async function stopAutoUnlock(page: Page) {
  await page.removeLocatorHandler(lockedHeading(page));
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  /**
   * Signs in; on success chooses the test PIN (as every worker must after a password sign-in)
   * and keeps the page unlocked across reloads. A refused sign-in leaves its alert on screen.
   */
  async signIn(username: string, password: string, opts: { pin?: string; autoUnlock?: boolean } = {}) {
    const pin = opts.pin ?? TEST_PIN;
    await this.submit(username, password);
    const choose = this.page.getByRole('heading', { name: /^(Choose a PIN for this tablet|Dewiswch PIN ar gyfer y llechen hon)$/ });
    await expect(choose.or(this.alert())).toBeVisible();
    if (!(await choose.isVisible())) return;
    await this.choosePin(pin);
    await expect(this.page.locator('#new-pin')).toBeHidden();
    if (opts.autoUnlock ?? true) await autoUnlock(this.page, pin);
  }

  async submit(username: string, password: string) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async choosePin(pin: string, again = pin) {
    await this.page.locator('#new-pin').fill(pin);
    await this.page.locator('#new-pin-again').fill(again);
    await this.page.locator('form button[type=submit]').click();
  }

  alert() {
    return this.page.getByRole('alert');
  }
}
