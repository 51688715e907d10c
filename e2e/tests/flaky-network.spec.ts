import { test, expect, demo, uniqueChild } from '../fixtures';
import { Page } from '@playwright/test';
import { SignInPage, TEST_PIN } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { NewCasePage } from '../pages/new-case-page';
import { caseFields, pullAll } from '../sync-api';

type Stored = { records: { key: string; body: any }[]; outbox: number; rejected: number };

/**
 * What the tablet's IndexedDB holds, decrypted here the way the app does it (WebCrypto: the
 * PIN's PBKDF2 key unwraps the data key, which opens each AES-GCM body), so the comparison below
 * checks the real stored bytes, not what the app chooses to show.
 */
async function stored(page: Page, pin: string): Promise<Stored> {
  return page.evaluate(async (pin) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('homeward');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const all = (store: string): Promise<any[]> =>
      new Promise((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const keys = await all('keys');
    const records = await all('records');
    const outbox = (await all('outbox')).length;
    const rejected = (await all('rejected')).length;
    db.close();
    const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const wrapped = JSON.parse(keys.find((k) => k.key === 'wrapped_key').value);
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
    const pinKey = await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', iterations: wrapped.iterations, salt: bytes(wrapped.salt) },
      material, { name: 'AES-GCM', length: 256 }, false, ['decrypt'],
    );
    const open = async (key: CryptoKey, b64: string) => {
      const sealed = bytes(b64);
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.slice(0, 12) }, key, sealed.slice(12)));
    };
    const raw = await open(pinKey, wrapped.sealed);
    const dataKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    const decoded = await Promise.all(
      records.map(async (r) => ({ key: r.key, body: JSON.parse(new TextDecoder().decode(await open(dataKey, r.body))) })),
    );
    return { records: decoded, outbox, rejected };
  }, pin);
}

test('200 network drops while the worker keeps adding cases end with the tablet and the server holding the same data', async ({
  page,
  context,
}) => {
  test.setTimeout(15 * 60_000);
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const form = new NewCasePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await list.expectAllSent();

  const added: string[] = [];
  let stop = false;
  const editing = (async () => {
    for (let i = 0; !stop; i++) {
      const name = uniqueChild(`Toggle${i}`);
      await list.startNewCase();
      await form.fill(name, '2015-01-02', `Note ${i}: ${'words '.repeat(i % 7)}`);
      await form.save();
      await expect(list.caseLink(name)).toBeVisible();
      added.push(name);
    }
  })();

  for (let cycle = 0; cycle < 200; cycle++) {
    await context.setOffline(cycle % 2 === 0);
    // A drop or a spell of signal lasts 20 to 200 ms.
    await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 180)));
  }
  await context.setOffline(false);
  stop = true;
  await editing;
  expect(added.length).toBeGreaterThan(5);
  await expect(list.syncStatus()).toContainText('All changes sent', { timeout: 120_000 });

  // The server's cases, from a pull with the tablet's own session.
  const server = caseFields(await pullAll(page.request));
  for (const name of added) {
    expect([...server.values()].filter((f) => f.child_name === name), name).toHaveLength(1);
  }
  // Nothing waits or was refused; the tablet holds exactly the server's cases.
  const device = await stored(page, TEST_PIN);
  expect(device.outbox).toBe(0);
  expect(device.rejected).toBe(0);
  const deviceCases = device.records.filter((r) => r.key.startsWith('case/'));
  expect(deviceCases.map((r) => r.key.slice(5)).sort()).toEqual([...server.keys()].sort());
  // Field by field.
  for (const r of deviceCases) {
    const fields = Object.fromEntries(
      Object.entries(r.body.fields).map(([k, v]: [string, any]) => [k, v.value]),
    );
    expect(fields, r.key).toEqual(server.get(r.key.slice(5)));
    expect(r.body.alternatives ?? [], r.key).toEqual([]);
  }
  // And what the worker sees is the same list of children.
  for (const name of added) await expect(list.caseLink(name)).toHaveCount(1);
});
