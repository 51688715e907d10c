import { Page, expect } from '@playwright/test';

export class CasePage {
  constructor(private readonly page: Page) {}

  async expectShown(childName: string) {
    await expect(this.page.getByRole('heading', { name: childName, level: 1 })).toBeVisible();
  }

  stages() {
    return this.page.getByRole('navigation', { name: 'Stages' });
  }

  stageLink(name: RegExp | string) {
    return this.stages().getByRole('link', { name });
  }

  task(title: string) {
    return this.page.getByRole('checkbox', { name: title });
  }

  stillToDo() {
    return this.page.locator('.missing');
  }

  async openWork(name: string) {
    await this.page.getByRole('link', { name }).click();
  }
}
