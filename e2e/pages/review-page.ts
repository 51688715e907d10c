import { Page, expect } from '@playwright/test';

/** The "needs review" page: texts in conflict side by side. */
export class ReviewPage {
  constructor(private readonly page: Page) {}

  /** The sync indicator's link, shown while something waits for review. */
  link() {
    return this.page.getByRole('link', { name: /to review/ });
  }

  async expectShown() {
    await expect(this.page.getByRole('heading', { name: 'Needs review', level: 1 })).toBeVisible();
  }

  conflict(caseName: string) {
    return this.page.getByRole('article', { name: new RegExp(caseName) });
  }

  version(caseName: string, text: string) {
    return this.conflict(caseName).getByRole('listitem').filter({ hasText: text });
  }

  async keep(caseName: string, text: string) {
    await this.version(caseName, text).getByRole('button', { name: 'Keep this version' }).click();
  }

  async expectNothing() {
    await expect(this.page.getByText('Nothing needs review.')).toBeVisible();
  }
}
