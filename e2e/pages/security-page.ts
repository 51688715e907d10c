import { Page, expect } from '@playwright/test';

/** The lock screen, the settings page and what the tablet keeps, read past the app. */
export class SecurityPage {
  constructor(private readonly page: Page) {}

  lockedHeading() {
    return this.page.getByRole('heading', { name: 'Homeward is locked' });
  }

  async lockNow() {
    await this.page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(this.lockedHeading()).toBeVisible();
  }

  async enterPin(pin: string) {
    await this.page.getByLabel('Your PIN').fill(pin);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
  }

  async openSettings() {
    await this.page.getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings and security' })).toBeVisible();
  }

  async deviceId() {
    return (await this.page.locator('code.device-id').textContent())?.trim() ?? '';
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  }

  /** Everything in every IndexedDB store and in localStorage, as one text. */
  async storedText(): Promise<string> {
    return this.page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const r = indexedDB.open('homeward');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const parts: string[] = [];
      for (const name of Array.from(db.objectStoreNames)) {
        const all: unknown[] = await new Promise((resolve, reject) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        parts.push(`${name}: ${JSON.stringify(all)}`);
      }
      db.close();
      parts.push(`localStorage: ${JSON.stringify({ ...localStorage })}`);
      return parts.join('\n');
    });
  }

  /** How many entries each IndexedDB store holds. */
  async storeCounts(): Promise<Record<string, number>> {
    return this.page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const r = indexedDB.open('homeward');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const counts: Record<string, number> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        counts[name] = await new Promise((resolve, reject) => {
          const r = db.transaction(name).objectStore(name).count();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      }
      db.close();
      return counts;
    });
  }

  /** The URLs of every cached response. */
  async cachedUrls(): Promise<string[]> {
    return this.page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
      }
      return urls;
    });
  }
}
