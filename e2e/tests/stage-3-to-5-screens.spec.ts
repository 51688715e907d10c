import { Locator, Page, TestInfo } from '@playwright/test';
import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { CasePage } from '../pages/case-page';
import { SignOffPage } from '../pages/sign-off-page';
import { caseReclassifiedToLow, signInAndOpen, signedIn } from '../pages/journeys';
import { Lang, interfaceTexts, reviewSizes, smallTargets, useLanguage } from '../pages/screen-sizes';

/**
 * Each Stage 3 to 5 screen in English and Welsh at each size: a full-page screenshot attached to
 * the report (and written to HOMEWARD_SHOTS when that names a directory), nothing wider than the
 * screen, no control smaller than a fingertip, no accessibility violation, and no interface text
 * left in English on the Welsh screen.
 */
async function lookAt(page: Page, testInfo: TestInfo, name: string, heading: Locator, inWelsh?: () => Promise<void>) {
  const before = page.viewportSize();
  const texts: Partial<Record<Lang, string[]>> = {};
  for (const lang of ['en', 'cy'] as const) {
    await useLanguage(page, lang);
    await expect(heading).toBeVisible();
    if (lang === 'cy' && inWelsh) await inWelsh();
    for (const size of reviewSizes) {
      const label = `${name} (${lang}) at ${size.width}x${size.height}`;
      await page.setViewportSize(size);
      const shot = await page.screenshot({ fullPage: true });
      const file = `${name}-${lang}-${size.width}x${size.height}.png`;
      await testInfo.attach(file, { body: shot, contentType: 'image/png' });
      if (process.env.HOMEWARD_SHOTS) await page.screenshot({ path: `${process.env.HOMEWARD_SHOTS}/${file}`, fullPage: true });
      const wider = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(wider, `${label} is wider than the screen`).toBe(false);
      expect(await smallTargets(page), `controls smaller than 44x44 on ${label}`).toEqual([]);
      await expectAccessible(page, label);
    }
    texts[lang] = await interfaceTexts(page);
  }
  const en = texts.en!;
  const cy = texts.cy!;
  expect(cy.length, `${name} has the same interface in both languages`).toBe(en.length);
  // The same words in both languages: interface text nobody translated (names and numbers aside).
  const same = en.filter((t, i) => t === cy[i] && /[a-z]{3,}/.test(t) && !namesOnly.test(t));
  expect([...new Set(same)], `English left on the Welsh ${name}`).toEqual([]);
  await useLanguage(page, 'en');
  if (before) await page.setViewportSize(before);
}

/** Text that is only names (the demo family's, their agencies', the app's, the languages') or a
 *  date: the same in both languages. */
const namesOnly = new RegExp(
  '^(?:(?:' +
    ['Cerys', 'Bethan', 'Eirlys', 'Rhys', 'Gareth', 'Nain', 'Homeward', 'Cymraeg', 'English',
      'Cwm Recovery Service', 'Family Support Team', 'Ysgol Glan yr Afon', '[A-Z][a-z]+ [0-9a-z]{5}'].join('|') +
    ')[\\s,.:()]*|[\\d\\s/:.-]+)+$',
);

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Wording built from parts, which the like-for-like comparison cannot see. */
const welshChecks: Record<string, (page: Page) => Promise<void>> = {
  'goal-reviews': async (page) =>
    expect(page.getByRole('group', { name: 'Cynnydd: Nod 1: Stay alcohol free' })).toBeVisible(),
};

test("Cerys's Stage 3 screens fit every size in English and Welsh: agreement, parents' agreement, team and goal reviews", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const path = await signInAndOpen(page, 'Cerys');
  for (const [name, route, heading] of [
    ['agreement', 'agreement', 'Written agreement: Cerys'],
    ['parents-agreement', 'agreement/parents', 'Our agreement for Cerys'],
    ['team', 'team', 'Team, support and contingency plan: Cerys'],
    ['goal-reviews', 'reviews', 'Goal reviews: Cerys'],
  ] as const) {
    await page.goto(`${path}/${route}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await lookAt(page, testInfo, name, h1(page), welshChecks[name] && (() => welshChecks[name](page)));
  }
});

test("the Stage 4 and 5 screens fit every size in English and Welsh: Cerys's reclassification and Rhys's return home", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const cerys = await signInAndOpen(page, 'Cerys');
  await page.goto(`${cerys}/reclassify`);
  await expect(page.getByRole('heading', { level: 1, name: /^Reclassification of risk/ })).toBeVisible();
  await lookAt(page, testInfo, 'reclassify', h1(page));

  await page.goto('/');
  await new CaseListPage(page).caseLink('Rhys').click();
  await new CasePage(page).expectShown('Rhys');
  await page.goto(`${new URL(page.url()).pathname}/return-home`);
  await expect(page.getByRole('heading', { level: 1, name: /^The return home/ })).toBeVisible();
  await lookAt(page, testInfo, 'return-home', h1(page));
});

test("the manager's sign-off queue and one case's sign-off fit every size in English and Welsh", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const child = uniqueChild('Nia');
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await caseReclassifiedToLow(page, child);
  await list.expectAllSent();

  const manager = await signedIn(browser, demo.manager);
  try {
    const signOff = new SignOffPage(manager.page);
    await signOff.openQueue();
    await expect(signOff.caseLink(child)).toContainText('Reclassification to Low', { timeout: 30_000 });
    await lookAt(manager.page, testInfo, 'sign-off-queue', h1(manager.page));
    await signOff.caseLink(child).click();
    await signOff.expectCase(child);
    await lookAt(manager.page, testInfo, 'sign-off-case', h1(manager.page));
  } finally {
    await manager.context.close();
  }
});
