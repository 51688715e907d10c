import { Page, expect } from '@playwright/test';
import { ClassificationPage } from './classification-page';

/** The five answers of one column of the traffic-light table, as the form words them. */
export const column = {
  medium: [
    ['Risk factors', 'Risk factors apparent, or not all fully addressed'],
    ['Protective factors', 'Protective factors apparent'],
    ["Parents' sustained capacity for actual change", 'Able to change'],
    ['Do parent and child want the return home?', 'Both parent and child want it'],
    ['How likely is abuse to recur if the child returns home?', 'Some possibility'],
  ],
  high: [
    ['Risk factors', 'Risk factors apparent and not being addressed'],
    ['Protective factors', 'Protective factors apparent'],
    ["Parents' sustained capacity for actual change", 'Unable to change'],
    ['Do parent and child want the return home?', 'Ambivalence in parent and/or child'],
    ['How likely is abuse to recur if the child returns home?', 'Strong likelihood'],
  ],
  low: [
    ['Risk factors', 'Previous risk factors fully addressed; what remains is low and can be managed safely'],
    ['Protective factors', 'Protective factors apparent'],
    ["Parents' sustained capacity for actual change", 'Able to change'],
    ['Do parent and child want the return home?', 'Both parent and child want it'],
    ['How likely is abuse to recur if the child returns home?', 'Unlikely'],
  ],
} as const;

/** Stage 4: the same classification form, the outcomes table, the plan and the preparation. */
export class ReclassifyPage extends ClassificationPage {
  constructor(private readonly p: Page) {
    super(p);
  }

  async expectShown() {
    await expect(this.p.getByRole('heading', { name: /^Reclassification of risk/, level: 1 })).toBeVisible();
  }

  async answerAll(answers: readonly (readonly [string, string])[]) {
    for (const [q, a] of answers) await this.answer(q, a);
  }

  outcomes() {
    return this.p.getByRole('table', { name: 'Stage 4: possible outcomes' });
  }

  /** The outcome row marked as the one that applies. */
  applyingRow() {
    return this.outcomes().getByRole('row').filter({ hasText: '(applies)' });
  }

  submissions() {
    return this.p.getByRole('region', { name: "Reclassifications and the manager's decisions" });
  }

  async addPlanAction(who: string, agency: string, what: string, byWhen: string) {
    await this.p.getByLabel('Who', { exact: true }).fill(who);
    await this.p.getByLabel('Agency', { exact: true }).fill(agency);
    await this.p.getByLabel('What they do').fill(what);
    await this.p.getByLabel('By when').fill(byWhen);
    await this.p.getByRole('button', { name: 'Add to plan' }).click();
  }
}
