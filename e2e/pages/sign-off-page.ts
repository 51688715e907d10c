import { Page, expect } from '@playwright/test';

/** The manager's sign-off queue and one case's submissions. */
export class SignOffPage {
  constructor(private readonly page: Page) {}

  async openQueue() {
    await this.page.getByRole('link', { name: /^Sign-off queue/ }).click();
    await this.expectQueue();
  }

  async expectQueue() {
    await expect(this.page.getByRole('heading', { name: 'Sign-off queue', level: 1 })).toBeVisible();
  }

  caseLink(childName: string) {
    return this.page.getByRole('link', { name: new RegExp(`^${childName}\\b`) });
  }

  async expectCase(childName: string) {
    await expect(this.page.getByRole('heading', { name: `Sign-off: ${childName}`, level: 1 })).toBeVisible();
  }

  submission(title: string | RegExp) {
    return this.page.getByRole('article', { name: title });
  }

  comment() {
    return this.page.getByLabel('Comment to the worker');
  }

  async agree() {
    await this.page.getByRole('button', { name: 'Agree' }).click();
  }

  async returnToWorker() {
    await this.page.getByRole('button', { name: 'Return to the worker' }).click();
  }
}
