import { Page } from '@playwright/test';
import { test, expect, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { signInAndOpen } from '../pages/journeys';

/** A phone with the on-screen keyboard up: about half of its 844 px height is left. */
const keyboardUp = { width: 390, height: 420 };

/** Every field and button of the form on screen, in tab order: focused, each must be inside the
 *  visible area and be what a tap at its middle reaches (nothing drawn over it). */
async function expectEachFieldReachable(page: Page, form: string, label: string) {
  const controls = page.locator(`${form} :is(input:not([type=hidden]), textarea, select, button)`);
  const count = await controls.count();
  expect(count, `${label} has fields`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    if (!(await control.isVisible())) continue;
    await control.focus();
    const hidden = await control.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const view = window.visualViewport ?? { height: window.innerHeight, width: window.innerWidth };
      if (r.bottom <= 0 || r.top >= view.height) return `out of view (top ${Math.round(r.top)})`;
      const x = Math.min(Math.max(r.left + r.width / 2, 0), view.width - 1);
      const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 20), 0), view.height - 1);
      const hit = document.elementFromPoint(x, y);
      return hit && (hit === el || el.contains(hit) || hit.closest('label')?.control === el)
        ? ''
        : `covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
    });
    const name = (await control.getAttribute('aria-label')) ?? (await control.getAttribute('id')) ?? `#${i}`;
    expect(hidden, `${label}: ${name} is reachable with the keyboard up`).toBe('');
  }
}

test('with the on-screen keyboard up on a phone, every field of sign-in and of a new case can be seen as it is typed into', async ({
  page,
}) => {
  await page.setViewportSize(keyboardUp);
  const signIn = new SignInPage(page);
  await signIn.open();
  await expectEachFieldReachable(page, 'form', 'sign-in');
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(page).expectShown();
  await new CaseListPage(page).startNewCase();
  await expectEachFieldReachable(page, 'main form', 'new case');
});

test("with the on-screen keyboard up, every field of Cerys's written agreement can be seen as it is typed into", async ({
  page,
}) => {
  const caseUrl = await signInAndOpen(page, 'Cerys');
  await page.setViewportSize(keyboardUp);
  await page.goto(`${caseUrl}/agreement`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectEachFieldReachable(page, 'main form', 'written agreement');
});
