import { test, expect } from '../fixtures';
import { CasePage } from '../pages/case-page';
import { AgreementPage } from '../pages/agreement-page';
import { ParentsAgreementPage } from '../pages/parents-agreement-page';
import { expectA4Pages, printToA4 } from '../pdf-pages';
import { signInAndOpen } from '../pages/journeys';

/** Words of the app's own frame (header, sync indicator, settings, lock), never on paper. */
const chrome = [
  'Skip to content',
  'Settings',
  'Sign out',
  'Lock',
  'All changes sent',
  'Changes waiting',
  'Offline',
  'Cymraeg',
  'Text size',
  'A new version of Homeward',
];

function expectNoChrome(text: string) {
  for (const word of chrome) expect(text, `"${word}" is printed`).not.toContain(word);
}

/** pdftotext keeps the layout; words of one phrase may be spread over spaces and lines. */
const squeezed = (text: string) => text.replace(/\s+/g, ' ');

test("Cerys's assessment report prints on A4 pages with its content whole and none of the app around it", async ({
  page,
}, testInfo) => {
  await signInAndOpen(page, 'Cerys');
  const casePage = new CasePage(page);
  await casePage.stageLink(/Stage 1/).click();
  await casePage.openWork('Assessment write-up');
  await expect(page.getByRole('heading', { name: 'Initial assessment: Cerys', level: 1 })).toBeVisible();
  await expect(page.getByText('Cerys returned home aged 6')).toBeVisible();
  await expect(page.getByText(/Current level: Medium/)).toBeVisible();

  const printed = await printToA4(page, testInfo, 'assessment-cerys');
  expectA4Pages(printed, 12);
  const text = squeezed(printed.text);
  expect(text).toContain('Initial assessment: Cerys');
  expect(text).toContain('Current level: Medium');
  expect(text).toContain('Analytical case history');
  expect(text).toContain('Cerys returned home aged 6');
  expect(text).toContain('To be home before my birthday.');
  expect(text).not.toContain('Print the assessment');
  expectNoChrome(printed.text);
});

test("Cerys's agreement for her parents prints on A4 with her traffic light level and every goal, without the signing controls", async ({
  page,
}, testInfo) => {
  await signInAndOpen(page, 'Cerys');
  const casePage = new CasePage(page);
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Written agreement');
  await new AgreementPage(page).openParentsVersion();
  const parents = new ParentsAgreementPage(page);
  await parents.expectShown('Cerys');
  await expect(parents.trafficLight()).toHaveAccessibleName('Where things are now: Medium');

  const printed = await printToA4(page, testInfo, 'agreement-parents-cerys');
  expectA4Pages(printed, 6);
  const text = squeezed(printed.text);
  expect(text).toContain('Our agreement for Cerys');
  expect(text).toContain('Medium');
  for (const goal of ['Stay alcohol free', 'Take Cerys to every health appointment', 'Keep the house clean and safe']) {
    expect(text).toContain(goal);
  }
  expect(text).toContain('Clear tests every week');
  expect(text).not.toContain('Print this agreement');
  expectNoChrome(printed.text);
});
