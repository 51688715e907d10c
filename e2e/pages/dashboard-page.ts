import { Page, expect } from '@playwright/test';

export class DashboardPage {
  constructor(private readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  }

  /** The card of one child's case (its link, which holds everything the card says). */
  card(childName: string) {
    return this.page.getByRole('link', { name: new RegExp(`^${childName}\\b`) });
  }

  async search(text: string) {
    await this.page.getByLabel('Search by name').fill(text);
  }

  async sortBy(option: string) {
    await this.page.getByLabel('Sort by').selectOption({ label: option });
  }

  /** Child names in the order the cards are shown. */
  async order(): Promise<string[]> {
    return this.page.locator('.case-name').allInnerTexts();
  }
}
