import { Page, expect } from '@playwright/test';

export type GoalInput = {
  what?: string;
  who?: string;
  steps?: string;
  support?: string;
  measure?: string;
  target?: string;
  agreedBy?: string;
  agreedOn?: string;
};

/** The worker's written agreement: objectives, SMART goals with their live check, finalising. */
export class AgreementPage {
  constructor(private readonly page: Page) {}

  async expectShown(child: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: `Written agreement: ${child}` })).toBeVisible();
  }

  goal(n: number) {
    return this.page.getByRole('group', { name: `Goal ${n}`, exact: true });
  }

  /** One letter's line of a goal's live SMART check, e.g. "Timely". */
  letter(n: number, word: string) {
    return this.goal(n).getByRole('listitem').filter({ hasText: new RegExp(`^\\W*${word}:`) });
  }

  async fillGoal(n: number, g: GoalInput) {
    const goal = this.goal(n);
    const fields: [keyof GoalInput, string][] = [
      ['what', 'What needs to happen'],
      ['who', 'Who will do it'],
      ['steps', 'Steps towards it'],
      ['support', 'Support offered'],
      ['measure', 'How everyone will know it has been achieved'],
      ['target', 'Target date'],
      ['agreedBy', 'Agreed by'],
      ['agreedOn', 'Agreed on'],
    ];
    for (const [key, label] of fields) {
      const value = g[key];
      if (value !== undefined) await goal.getByLabel(label, { exact: true }).fill(value);
    }
  }

  async fill(objectives: string, review: string, consequences: string) {
    await this.page.getByLabel('What we all want to achieve').fill(objectives);
    await this.page.getByLabel('How and when the goals will be reviewed').fill(review);
    await this.page.getByLabel('What happens if nothing changes or the agreement is broken').fill(consequences);
  }

  /** Adds an expectation (who, what, by when) after any already there. */
  async addExpectation(who: string, what: string, by: string) {
    await this.page.getByRole('button', { name: 'Add an expectation' }).click();
    const e = this.page.getByRole('group', { name: /^Expectation \d+/ }).last();
    await e.getByLabel('Who', { exact: true }).fill(who);
    await e.getByLabel('What is expected', { exact: true }).fill(what);
    await e.getByLabel('By when', { exact: true }).fill(by);
  }

  async addGoal() {
    await this.page.getByRole('button', { name: 'Add a goal' }).click();
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.page.getByText('Saved on this tablet.')).toBeVisible();
  }

  async finalise() {
    await this.page.getByRole('button', { name: 'Finalise the agreement' }).click();
  }

  refusal() {
    return this.page.getByRole('alert').filter({ hasText: 'This agreement cannot be finalised yet' });
  }

  finalised() {
    return this.page.getByText(/^This agreement was finalised on/);
  }

  async openParentsVersion() {
    await this.page.getByRole('link', { name: 'Agreement for parents (print and sign)' }).click();
  }
}
