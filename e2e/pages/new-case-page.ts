import { Page } from '@playwright/test';

export class NewCasePage {
  constructor(private readonly page: Page) {}

  async fill(name: string, dateOfBirth: string, note: string) {
    await this.page.getByLabel("Child's name").fill(name);
    await this.page.getByLabel('Date of birth').fill(dateOfBirth);
    await this.page.getByLabel('Note').fill(note);
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save case' }).click();
  }
}
