import { Page, expect } from '@playwright/test';

export class CaseListPage {
  constructor(private readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  }

  caseLink(childName: string) {
    return this.page.getByRole('link', { name: new RegExp(childName) });
  }

  syncStatus() {
    return this.page.getByRole('status');
  }

  async expectAllSent() {
    await expect(this.syncStatus()).toContainText('All changes sent', { timeout: 30_000 });
  }

  async startNewCase() {
    await this.page.getByRole('link', { name: 'New case' }).click();
    await expect(this.page.getByRole('heading', { name: 'New case' })).toBeVisible();
  }
}
