import { Page, expect } from '@playwright/test';

export class ClassificationPage {
  constructor(private readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByRole('heading', { name: /^Risk classification/, level: 1 })).toBeVisible();
  }

  async answer(question: string, answer: string) {
    await this.page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
  }

  async chooseLevel(level: string) {
    await this.answer('Level you choose', level);
  }

  suggestion() {
    return this.page.locator('.suggestion');
  }

  async record() {
    await this.page.getByRole('button', { name: 'Record classification' }).click();
  }

  rationale() {
    return this.page.getByLabel('Why you chose this level');
  }

  chart() {
    return this.page.getByRole('img', { name: /^Risk level over time/ });
  }

  historyTable() {
    return this.page.getByRole('table', { name: 'Classification history' });
  }
}
