import { Page, expect } from '@playwright/test';

export type AgeBand = 'Under 8' | '8 to 12' | '13 and over';
export const ACTIVITIES = [
  'Three houses: worries, good things, dreams',
  'How I feel about going home (faces)',
  'What would help me',
  'What needs to change at home',
  "When I'd like to go home",
  'Who I trust',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** The case page's "Hand to the child" and the child-mode screens the child sees. */
export class ChildModePage {
  constructor(private readonly page: Page) {}

  async handToChild(band: AgeBand, activities: readonly Activity[] = ACTIVITIES) {
    const section = this.page.getByRole('region', { name: 'Hand to the child' });
    await section.getByRole('radio', { name: band, exact: true }).check();
    for (const a of ACTIVITIES) {
      await section.getByRole('checkbox', { name: a }).setChecked(activities.includes(a));
    }
    await section.getByRole('button', { name: 'Start child mode' }).click();
  }

  async expectWelcome(firstName: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: new RegExp(`^(Hello|Hi) ${firstName}`) })).toBeVisible();
  }

  async start() {
    await this.page.getByRole('button', { name: "Let's start" }).click();
  }

  async expectQuestion(text: string | RegExp, n?: number, total?: number) {
    await expect(this.page.getByRole('heading', { level: 1, name: text })).toBeVisible();
    if (n !== undefined) await expect(this.page.getByText(`Question ${n} of ${total}`)).toBeVisible();
  }

  async next() {
    await this.page.getByRole('button', { name: 'Next' }).click();
  }

  async skip() {
    await this.page.getByRole('button', { name: 'Skip this one' }).click();
  }

  async sticker(name: string) {
    const b = this.page.getByRole('button', { name, exact: true });
    await b.click();
    await expect(b).toHaveAttribute('aria-pressed', 'true');
  }

  async choose(name: string) {
    const r = this.page.getByRole('radio', { name, exact: true });
    await r.check();
    await expect(r).toBeChecked();
  }

  async write(text: string) {
    await this.page.getByLabel('Your answer').fill(text);
  }

  canvas() {
    return this.page.getByRole('img', { name: 'Drawing area' });
  }

  async draw() {
    const open = this.page.getByRole('button', { name: 'Draw a picture' });
    if ((await open.getAttribute('aria-expanded')) !== 'true') await open.click();
    await this.page.getByRole('button', { name: 'Blue' }).click();
    await this.canvas().scrollIntoViewIfNeeded();
    const box = (await this.canvas().boundingBox())!;
    await this.page.mouse.move(box.x + 40, box.y + 40);
    await this.page.mouse.down();
    for (let i = 1; i <= 10; i++) await this.page.mouse.move(box.x + 40 + i * 25, box.y + 40 + i * 12);
    await this.page.mouse.up();
    await expect(this.page.getByText('Your drawing is saved.')).toBeVisible();
  }

  /** How many non-white pixels the drawing canvas holds. */
  async inkedPixels(): Promise<number> {
    return this.canvas().evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
      return n;
    });
  }

  async expectDone(firstName: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: `Thank you, ${firstName}!` })).toBeVisible();
  }

  async openUnlock() {
    await this.page.getByRole('button', { name: 'For the worker' }).click();
    await expect(this.page.getByRole('heading', { name: 'For the worker: leave child mode' })).toBeVisible();
  }

  async giveBack(pin: string) {
    await this.page.getByRole('button', { name: 'Give the tablet back' }).click();
    await this.unlock(pin);
  }

  async unlock(password: string) {
    await this.page.getByLabel('Your PIN').fill(password);
    await this.page.getByRole('button', { name: 'Leave child mode' }).click();
  }
}

/** The worker's note after child mode, and the case page's list of the child's voice. */
export class WorkerNotePage {
  constructor(private readonly page: Page) {}

  async expectShown(firstName: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: `How it went with ${firstName}` })).toBeVisible();
  }

  async fill(note: { alone: boolean; others?: string; where: string; approach: string; observations: string }) {
    await this.page.getByRole('radio', { name: note.alone ? 'Yes' : 'No' }).check();
    if (note.others !== undefined) await this.page.getByLabel('Who else was there').fill(note.others);
    await this.page.getByLabel('Where you saw the child').fill(note.where);
    await this.page.getByLabel('Approach used').fill(note.approach);
    await this.page.getByLabel('Your observations').fill(note.observations);
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save to the case' }).click();
  }

  voices() {
    return this.page.getByRole('region', { name: "The child's voice" });
  }
}
