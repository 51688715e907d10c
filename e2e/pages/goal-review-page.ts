import { Page, expect } from '@playwright/test';

/** Reviews of the agreement's goals: schedule, tips, per-goal traffic lights. */
export class GoalReviewPage {
  constructor(private readonly page: Page) {}

  async expectShown(child: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: `Goal reviews: ${child}` })).toBeVisible();
  }

  tips() {
    return this.page.getByRole('complementary', { name: 'Tips for reviewing goals' }).getByRole('listitem');
  }

  nextReview() {
    return this.page.getByText(/^Next review: /);
  }

  goal(n: number) {
    return this.page.getByRole('group', { name: new RegExp(`^Progress: Goal ${n}:`) });
  }

  async light(n: number, light: 'Green: on track' | 'Amber: some progress' | 'Red: no progress', seen?: string) {
    await this.goal(n).getByLabel(light).check();
    if (seen !== undefined) {
      await this.page.locator('.review-goal').nth(n - 1).getByLabel('What you have seen').fill(seen);
    }
  }

  compliancePrompt() {
    return this.page.getByText(/^Compliance is not change: write down the change you have seen/);
  }

  async outcome(label: string) {
    await this.page.getByRole('group', { name: 'Outcome' }).getByLabel(label).check();
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save the review' }).click();
  }

  held() {
    return this.page.locator('.reviews-held > li');
  }
}
