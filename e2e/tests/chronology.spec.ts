import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { hlcNow, uuid } from '../sync-api';
import { SignInPage } from '../pages/sign-in-page';
import { DashboardPage } from '../pages/dashboard-page';
import { CasePage } from '../pages/case-page';
import { ChronologyPage } from '../pages/chronology-page';

test('the case history shows entries by area and child with the patterns they reveal', async ({ page }) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  const history = new ChronologyPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.card('Amira').click();
  await casePage.openWork('Case history (chronology)');
  await history.expectShown();

  await expect(history.entries()).toHaveCount(12);
  await expect(history.patterns()).toContainText('Services started 2, completed 0, dropped 2');
  await history.filterArea('Services tried and how parents engaged');
  await expect(history.entries()).toHaveCount(4);
  await history.filterArea('All areas');
  await history.filterChild('Yusuf');
  await expect(history.entries()).toHaveCount(7);
  await expectAccessible(page, 'chronology');
});

test('an entry half typed survives going offline and reloading, then saves offline and is sent when back online', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  const history = new ChronologyPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.card('Yusuf').click();
  await casePage.openWork('Case history (chronology)');
  await history.expectShown();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const before = await history.entries().count();

  await history.date().fill('2024-05');
  await history.what().fill('Grandmother Noor offered to help with meals twice a week.');
  await history.expectDraftKept();

  await context.setOffline(true);
  await page.reload();
  await history.expectShown();
  await expect(history.what()).toHaveValue('Grandmother Noor offered to help with meals twice a week.');
  await expect(history.date()).toHaveValue('2024-05');

  // Say what is wrong in plain words, at the field.
  await history.date().fill('next year');
  await history.save();
  await expect(page.getByText('Enter a year (like 2019), a month (like 2019-03) or a date (like 2019-03-14).')).toBeVisible();
  await history.date().fill('2024-05');
  await history.analysis().fill('Wider family may be a protective factor.');
  await page.getByLabel('Yusuf').check();
  await history.save();
  await expect(history.entries()).toHaveCount(before + 1);
  await expect(history.entries().filter({ hasText: 'Grandmother Noor' })).toContainText('Wider family may be a protective factor.');
  await expect(page.getByRole('status')).toContainText('waiting to send');

  await context.setOffline(false);
  await expect(page.getByRole('status')).toContainText('All changes sent', { timeout: 30_000 });

  await history.entries().filter({ hasText: 'Grandmother Noor' }).getByRole('button', { name: /Edit/ }).click();
  await expect(page.getByRole('heading', { name: 'Edit the entry' })).toBeVisible();
  await history.analysis().fill('Noor is reliable: a protective factor to build on.');
  await history.save();
  await expect(history.entries().filter({ hasText: 'Grandmother Noor' })).toContainText('Noor is reliable');
  await expect(history.entries()).toHaveCount(before + 1);
});

test('a long case history is all there, oldest first, and a filter shows every entry of its area', async ({ page }) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  const history = new ChronologyPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.expectShown();

  // Another of the worker's devices sends a case with 250 entries, more than the timeline draws
  // in one go (a hundred), alternating between two areas.
  const child = uniqueChild('Hanna');
  const caseId = uuid();
  const device = uuid();
  const change = (entity: string, entity_id: string, field: string, value: unknown) => ({
    change_id: uuid(), device_id: device, user: demo.worker.username, case_id: caseId,
    entity, entity_id, field, value, hlc: hlcNow('phone'), base: 0,
  });
  const entries = Array.from({ length: 250 }, (_, i) => {
    const id = uuid();
    const date = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
    return change('chronology_entry', id, 'data', {
      id, date, source: 'case_file', source_detail: '', area: i % 2 ? 'previous_assessments' : 'services_tried',
      what: `Event ${i + 1} of the long history.`, analysis: 'What it meant.', factor_ids: [], children: [],
      event: null, engagement: null, recorded_by: demo.worker.username,
    });
  });
  const pushed = await page.request.post('/api/sync/push', {
    data: {
      device_id: device,
      changes: [change('case', caseId, 'child_name', child), change('case', caseId, 'date_of_birth', '2015-03-04'), ...entries],
    },
  });
  expect(pushed.status()).toBe(200);
  for (const r of (await pushed.json()).results) expect(r.outcome).toBe('applied');

  await page.reload();
  await dashboard.card(child).click();
  await casePage.openWork('Case history (chronology)');
  await history.expectShown();
  await expect(history.entries()).toHaveCount(250);
  await expect(history.entries().first()).toContainText('2000-01-01');
  await expect(history.entries().first()).toContainText('Event 1 of the long history.');
  const last = history.entries().last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeVisible();
  await expect(last).toContainText('2000-09-06');
  await expect(last).toContainText('Event 250 of the long history.');

  await history.filterArea('Services tried and how parents engaged');
  await expect(history.entries()).toHaveCount(125);
  await expect(history.entries().last()).toContainText('Event 249 of the long history.');
  await history.filterArea('All areas');
  await expect(history.entries()).toHaveCount(250);
});
