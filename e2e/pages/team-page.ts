import { Page, expect } from '@playwright/test';

/** Stage 3's team around the family, support log, contingency plan and telling the child. */
export class TeamPage {
  constructor(private readonly page: Page) {}

  async expectShown(child: string) {
    await expect(
      this.page.getByRole('heading', { level: 1, name: `Team, support and contingency plan: ${child}` }),
    ).toBeVisible();
  }

  private form(id: string) {
    return this.page.locator(`#${id}`);
  }

  async recordChildTold(what: string) {
    const f = this.form('child-told-form');
    await f.getByLabel('What you told them, and how they took it').fill(what);
    await f.getByRole('button', { name: 'Record that the child was told' }).click();
    await expect(this.page.getByText(/^Told on /)).toBeVisible();
  }

  async addAgency(name: string, kind: string) {
    const f = this.form('agency-form');
    await f.getByLabel('Agency name').fill(name);
    await f.getByLabel('Kind of agency').selectOption({ label: kind });
    await f.getByRole('button', { name: 'Add agency' }).click();
    await expect(f.getByText('Saved on this tablet.')).toBeVisible();
  }

  async addContact(name: string, role: string, agency: string) {
    const f = this.form('contact-form');
    await f.getByLabel('Name', { exact: true }).fill(name);
    await f.getByLabel('Role').fill(role);
    await f.getByLabel('Agency').selectOption({ label: agency });
    await f.getByRole('button', { name: 'Add person' }).click();
    await expect(f.getByText('Saved on this tablet.')).toBeVisible();
  }

  async addService(s: { name: string; agency: string; start: string; end?: string; status: string; engagement: string }) {
    const f = this.form('service-form');
    await f.getByLabel('Service', { exact: true }).fill(s.name);
    await f.getByLabel('Provided by').selectOption({ label: s.agency });
    await f.getByLabel('Start date').fill(s.start);
    if (s.end) await f.getByLabel('End date').fill(s.end);
    await f.getByLabel('Where it stands').selectOption({ label: s.status });
    await f.getByLabel('How the parents engage').selectOption({ label: s.engagement });
    await f.getByRole('button', { name: 'Add service' }).click();
  }

  agencyForm() {
    return this.form('agency-form');
  }

  contactForm() {
    return this.form('contact-form');
  }

  supportForm() {
    return this.form('support-form');
  }

  serviceForm() {
    return this.form('service-form');
  }

  async addSupport(withWhom: string, what: string) {
    const f = this.form('support-form');
    await f.getByRole('group', { name: 'Who with' }).getByLabel(withWhom, { exact: true }).check();
    await f.getByLabel('Support given').fill(what);
    await f.getByRole('button', { name: 'Add to the support log' }).click();
    await expect(f.getByText('Saved on this tablet.')).toBeVisible();
  }

  async saveContingency(p: { triggers: string; actions: string; alternative: string; sharedOn?: string }) {
    const f = this.form('contingency-form');
    await f.getByLabel('What would set the plan off').fill(p.triggers);
    await f.getByLabel('What will happen then, and who does it').fill(p.actions);
    await f.getByLabel('Where the child would live if the return breaks down').fill(p.alternative);
    if (p.sharedOn) await f.getByLabel('Shared with the parents on').fill(p.sharedOn);
    await f.getByRole('button', { name: 'Save the contingency plan' }).click();
    await expect(f.getByText('Saved on this tablet.')).toBeVisible();
  }
}
