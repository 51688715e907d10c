import { Page, expect } from '@playwright/test';

/** The agreement as parents read it, with the traffic light and on-screen signing. */
export class ParentsAgreementPage {
  constructor(private readonly page: Page) {}

  async expectShown(child: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: `Our agreement for ${child}` })).toBeVisible();
  }

  trafficLight() {
    return this.page.getByRole('img', { name: /^Where things are now:/ });
  }

  canvas() {
    return this.page.getByRole('img', { name: /^Signature box/ });
  }

  /** Signs with the mouse: a few strokes across the signature box. */
  async sign(name: string, as: 'Parent' | 'The child' = 'Parent') {
    await this.page.getByLabel('Name of the person signing').fill(name);
    await this.page.getByRole('group', { name: 'Signing as' }).getByLabel(as, { exact: true }).check();
    await this.canvas().scrollIntoViewIfNeeded();
    const box = await this.canvas().boundingBox();
    if (!box) throw new Error('no signature box');
    const y = box.y + box.height * 0.6;
    await this.page.mouse.move(box.x + box.width * 0.1, y);
    await this.page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await this.page.mouse.move(box.x + box.width * (0.1 + i * 0.06), y - Math.sin(i) * box.height * 0.25);
    }
    await this.page.mouse.up();
    await this.page.getByRole('button', { name: 'Sign the agreement' }).click();
  }

  signature(name: string) {
    return this.page.getByRole('img', { name: `Signature of ${name}` });
  }

  signatures() {
    return this.page.getByRole('region', { name: 'Signatures' }).getByRole('listitem');
  }
}
