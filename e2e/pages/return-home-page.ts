import { Page, expect } from '@playwright/test';

/** Stage 5: contact schedule, support, reviews, reclassification at intervals and closure. */
export class ReturnHomePage {
  constructor(private readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByRole('heading', { name: /^The return home/, level: 1 })).toBeVisible();
  }

  section(name: string) {
    return this.page.getByRole('region', { name });
  }

  contact() {
    return this.section('Increase contact and return home gradually');
  }

  async addStep(kind: string, date: string, notes: string) {
    const s = this.contact();
    await s.getByRole('group', { name: 'Kind of contact' }).getByLabel(kind, { exact: true }).check();
    await s.getByLabel('Date', { exact: true }).fill(date);
    await s.getByLabel('Notes', { exact: true }).fill(notes);
    await s.getByRole('button', { name: 'Add step' }).click();
  }

  stepStatus(kind: string) {
    return this.contact().getByLabel(new RegExp(`^Status: ${kind},`));
  }

  monitoring() {
    return this.section('Monitor and review after the return');
  }

  async recordReview(items: string[], outcome: string, notes: string) {
    const s = this.monitoring();
    for (const i of items) await s.getByLabel(i, { exact: true }).check();
    await s.getByRole('group', { name: 'Outcome' }).getByLabel(outcome, { exact: true }).check();
    await s.getByLabel('Notes', { exact: true }).fill(notes);
    await s.getByRole('button', { name: 'Save review' }).click();
  }

  closure() {
    return this.section('Closing the case');
  }

  async requestClosure(reasons: string) {
    await this.closure().getByLabel('Why the case can close').fill(reasons);
    await this.closure().getByRole('button', { name: 'Ask the manager to close the case' }).click();
  }
}
