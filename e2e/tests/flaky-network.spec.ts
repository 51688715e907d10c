import { test, expect, demo, uniqueChild } from '../fixtures';
import { Page } from '@playwright/test';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { NewCasePage } from '../pages/new-case-page';
import { caseFields, pullAll } from '../sync-api';

type Stored = { records: { key: string; body: string }[]; outbox: number; rejected: number };

/** What the tablet's IndexedDB holds (opened without a version, so never upgraded here). */
async function stored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open('homeward');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['records', 'outbox', 'rejected'], 'readonly');
          const records = tx.objectStore('records').getAll();
          const outbox = tx.objectStore('outbox').count();
          const rejected = tx.objectStore('rejected').count();
          tx.oncomplete = () => {
            db.close();
            resolve({
              records: records.result.map((r: any) => ({ key: r.key, body: r.body })),
              outbox: outbox.result,
              rejected: rejected.result,
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
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
  const device = await stored(page);
  expect(device.outbox).toBe(0);
  expect(device.rejected).toBe(0);
  const deviceCases = device.records.filter((r) => r.key.startsWith('case/'));
  expect(deviceCases.map((r) => r.key.slice(5)).sort()).toEqual([...server.keys()].sort());
  // Field by field, where the body is readable here (before encryption at rest seals it).
  for (const r of deviceCases) {
    let record: any;
    try {
      record = JSON.parse(r.body);
    } catch {
      continue;
    }
    const fields = Object.fromEntries(
      Object.entries(record.fields).map(([k, v]: [string, any]) => [k, v.value]),
    );
    expect(fields, r.key).toEqual(server.get(r.key.slice(5)));
    expect(record.alternatives ?? [], r.key).toEqual([]);
  }
  // And what the worker sees is the same list of children.
  for (const name of added) await expect(list.caseLink(name)).toHaveCount(1);
});
