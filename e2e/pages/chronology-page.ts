import { Page, expect } from '@playwright/test';

export class ChronologyPage {
  constructor(private readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByRole('heading', { name: /^Case history/, level: 1 })).toBeVisible();
  }

  entries() {
    return this.page.locator('.timeline > li');
  }

  async filterArea(label: string) {
    await this.page.getByLabel('Show area').selectOption({ label });
  }

  async filterChild(label: string) {
    await this.page.getByLabel('Show child').selectOption({ label });
  }

  patterns() {
    return this.page.locator('.patterns');
  }

  date() {
    return this.page.getByLabel('Date', { exact: true });
  }

  what() {
    return this.page.getByLabel('What happened');
  }

  analysis() {
    return this.page.getByLabel('Your analysis: what it means for the child');
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save entry' }).click();
  }

  async expectDraftKept() {
    await expect(this.page.getByText('Your unsaved entry is kept on this tablet.')).toBeVisible();
  }
}
