import { chromium, Page } from '@playwright/test';
import { test, expect, expectAccessible, demo } from '../fixtures';
import { chromiumArgs } from '../playwright.config';
import { TEST_PIN } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { signInAndOpen } from '../pages/journeys';
import { ChildModePage, WorkerNotePage } from '../pages/child-mode-page';

/** Screenshots for review, only when HOMEWARD_SHOTS names a directory. */
async function shot(page: Page, name: string) {
  if (process.env.HOMEWARD_SHOTS) await page.screenshot({ path: `${process.env.HOMEWARD_SHOTS}/${name}.png`, fullPage: true });
}

/** Case data that must never show in child mode: other children, the worker, the case note. */
const CASE_DATA = ['Tomos', 'Amira', 'Yusuf', 'Rhys', 'Bethan', 'Eirlys', 'substance-misuse', 'neglect', demo.worker.name, 'Cases'];

async function expectNoCaseData(page: Page) {
  const text = await page.locator('body').innerText();
  for (const secret of CASE_DATA) expect(text, `child mode shows "${secret}"`).not.toContain(secret);
  await expect(page.getByRole('link')).toHaveCount(0);
}

test('a child under 8 answers with stickers, a face and a drawing, and the worker adds how it went', async ({ page }) => {
  const child = new ChildModePage(page);
  const note = new WorkerNotePage(page);
  await signInAndOpen(page, 'Amira');
  await child.handToChild('Under 8', [
    'Three houses: worries, good things, dreams',
    'How I feel about going home (faces)',
    'Who I trust',
  ]);
  await child.expectWelcome('Amira');
  await expectAccessible(page, 'child mode welcome (under 8)');
  await shot(page, 'u8-welcome');
  await child.start();

  await child.expectQuestion('What makes you worried?', 1, 5);
  await child.sticker('Shouting');
  await expectAccessible(page, 'worries house (under 8)');
  await shot(page, 'u8-worries');
  await child.next();

  await child.expectQuestion('What makes you happy?', 2, 5);
  await child.skip();

  await child.expectQuestion('What do you wish for?', 3, 5);
  await child.draw();
  await expectAccessible(page, 'dreams house with drawing (under 8)');
  await shot(page, 'u8-dreams-drawing');
  await child.next();

  await child.expectQuestion('How do you feel about going home?', 4, 5);
  await child.choose('Happy');
  await expectAccessible(page, 'faces scale (under 8)');
  await shot(page, 'u8-feelings');
  await child.next();

  await child.expectQuestion('Who do you feel safe with?', 5, 5);
  await child.sticker('A grown-up I like');
  await child.next();

  await child.expectDone('Amira');
  await expectAccessible(page, 'all done (under 8)');
  await shot(page, 'u8-done');
  await child.giveBack(TEST_PIN);

  await note.expectShown('Amira');
  await expect(page.getByText('Shouting')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Drawing: Dreams' })).toBeVisible();
  await expectAccessible(page, "worker's note");
  await shot(page, 'u8-worker-note');
  await note.save();
  await expect(page.getByRole('alert')).toHaveText('Say whether the child was seen alone.');
  await note.fill({ alone: true, where: 'Foster home, her bedroom', approach: 'Stickers and drawing', observations: 'Chatty; lingered over the dreams house.' });
  await note.save();

  await expect(page.getByRole('heading', { level: 1, name: 'Amira' })).toBeVisible();
  const voices = note.voices();
  await expect(voices.getByText('The child has been seen alone.')).toBeVisible();
  await expect(voices.getByText('Shouting')).toBeVisible();
  await expect(voices.getByText('Happy', { exact: true })).toBeVisible();
  await expect(voices.getByText('Skipped')).toBeVisible();
  await expect(voices.getByText('Chatty; lingered over the dreams house.')).toBeVisible();
  await expect(voices.getByRole('img', { name: 'Drawing: Dreams' })).toBeVisible();
  await new CaseListPage(page).expectAllSent();
  await expectAccessible(page, "case page with the child's voice");
  await shot(page, 'u8-case-page');
});

test('a child of 8 to 12 writes their answers through every activity, skipping one', async ({ page }) => {
  const child = new ChildModePage(page);
  const note = new WorkerNotePage(page);
  await signInAndOpen(page, 'Cerys');
  await child.handToChild('8 to 12');
  await child.expectWelcome('Cerys');
  await child.start();

  await child.expectQuestion('The worries house: what worries you about going home?', 1, 8);
  await child.write('That Mum gets poorly again');
  await expectAccessible(page, 'worries house (8 to 12)');
  await shot(page, 'm-worries');
  await child.next();
  await child.expectQuestion('The good things house: what is good in your life?', 2, 8);
  await child.write('My friends at school and swimming');
  await child.next();
  await child.expectQuestion('The dreams house: what do you wish would happen?', 3, 8);
  await child.write('Live with Mum and have a dog');
  await child.next();
  await child.expectQuestion('How do you feel about going home? Pick a face.', 4, 8);
  await child.choose('Not sure');
  await expectAccessible(page, 'faces scale (8 to 12)');
  await shot(page, 'm-feelings');
  await child.next();
  await child.expectQuestion('What would help you get ready to go home?', 5, 8);
  await child.write('Seeing Mum more, at weekends');
  await child.next();
  await child.expectQuestion('What needs to change at home so it feels safe?', 6, 8);
  await child.skip();
  await child.expectQuestion("When would you like to go home? Pick one, or tell me.", 7, 8);
  await child.choose('After a while');
  await child.write('After my birthday');
  await expectAccessible(page, 'when I would like to go home (8 to 12)');
  await shot(page, 'm-when');
  await child.next();
  await child.expectQuestion('Who do you trust? Who could you talk to if something was wrong?', 8, 8);
  await child.write('Nain');
  await expectAccessible(page, 'who I trust (8 to 12)');
  await shot(page, 'm-trust');
  await child.next();
  await child.expectDone('Cerys');
  await child.giveBack(TEST_PIN);

  await note.expectShown('Cerys');
  await note.fill({ alone: false, others: '', where: 'Contact centre', approach: 'Talking while drawing', observations: 'Quiet at first.' });
  await note.save();
  await expect(page.getByRole('alert')).toHaveText('Say who else was there, since the child was not seen alone.');
  await page.getByLabel('Who else was there').fill('Foster carer');
  await note.save();

  const voices = note.voices();
  await expect(voices.getByText('Not seen alone: Foster carer')).toBeVisible();
  await expect(voices.getByText('“That Mum gets poorly again”')).toBeVisible();
  await expect(voices.getByText('After a while')).toBeVisible();
  await expect(voices.getByText('Quiet at first.')).toBeVisible();
  await new CaseListPage(page).expectAllSent();
});

test('a young person of 13 and over types answers, can read them in Welsh, and is seen alone', async ({ page }) => {
  const child = new ChildModePage(page);
  const note = new WorkerNotePage(page);
  await signInAndOpen(page, 'Tomos');
  await child.handToChild('13 and over', ['What would help me', 'What needs to change at home', "When I'd like to go home"]);
  await child.expectWelcome('Tomos');
  await child.start();
  await child.expectQuestion('What support would help you get ready to go home?', 1, 3);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await child.expectQuestion("Pa gymorth fyddai'n dy helpu i baratoi i fynd adref?");
  await shot(page, 't-help-welsh');
  await page.getByRole('button', { name: 'English' }).click();
  await child.write('More time with Mum before I move back');
  await expectAccessible(page, 'what would help (13 and over)');
  await shot(page, 't-help');
  await child.next();
  await child.expectQuestion('What do you think needs to change at home for it to be safe to go back?', 2, 3);
  await child.write("Mum's ex never coming round again");
  await expectAccessible(page, 'what needs to change (13 and over)');
  await shot(page, 't-change');
  await child.next();
  await child.expectQuestion('When do you think would be the right time to go home?', 3, 3);
  await child.write('Summer holidays, so I can finish the school year');
  await child.next();
  await child.expectDone('Tomos');
  await child.giveBack(TEST_PIN);
  await note.expectShown('Tomos');
  await note.fill({ alone: true, where: 'Cafe in town', approach: 'Conversation', observations: 'Clear about what he wants.' });
  await note.save();
  await expect(note.voices().getByText("“Mum's ex never coming round again”")).toBeVisible();
  await expect(note.voices().getByText('Seen alone', { exact: false }).first()).toBeVisible();
});

test('the child cannot leave child mode by back, reload, typed addresses or shortcuts, and only the worker can unlock it', async ({
  page,
  context,
}) => {
  const child = new ChildModePage(page);
  const caseUrl = await signInAndOpen(page, 'Cerys');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await child.handToChild('8 to 12', ['Who I trust']);
  await child.expectWelcome('Cerys');
  await expectNoCaseData(page);

  await page.goBack();
  await child.expectWelcome('Cerys');
  await expectNoCaseData(page);

  await child.start();
  await child.expectQuestion(/Who do you trust/);
  await page.reload();
  await child.expectQuestion(/Who do you trust/);
  await expectNoCaseData(page);

  for (const url of ['/', caseUrl, '/cases/new', '/sign-in', '/no-such-page']) {
    await page.goto(url);
    await child.expectQuestion(/Who do you trust/);
    await expectNoCaseData(page);
  }

  for (const keys of ['Alt+ArrowLeft', 'Alt+Home', 'Escape', 'F5', 'Control+r', 'Backspace']) {
    await page.keyboard.press(keys);
    await child.expectQuestion(/Who do you trust/);
    await expectNoCaseData(page);
  }
  await page.evaluate(() => history.go(-3));
  await child.expectQuestion(/Who do you trust/);
  await expectNoCaseData(page);

  await child.openUnlock();
  await expectAccessible(page, 'unlock');
  await child.unlock('999999');
  await expect(page.getByRole('alert')).toContainText('That PIN is not right. 4 tries left');
  await expectNoCaseData(page);

  await page.getByRole('button', { name: 'Back to the activities' }).click();
  await child.expectQuestion(/Who do you trust/);
  // The PIN is checked on the tablet, so the worker can take the tablet back without signal.
  await context.setOffline(true);
  await child.openUnlock();
  await child.unlock(TEST_PIN);
  await new WorkerNotePage(page).expectShown('Cerys');
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('button', { name: 'Yes, discard it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cerys' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Cerys' })).toBeVisible();
});

test('a drawing and a voice recording survive a reload offline and reach the case', async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  try {
    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      viewport: { width: 1024, height: 768 },
      permissions: ['microphone'],
    });
    const page = await context.newPage();
    const child = new ChildModePage(page);
    await signInAndOpen(page, 'Cerys');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await child.handToChild('8 to 12', ['Three houses: worries, good things, dreams']);
    await child.start();
    await child.expectQuestion(/The worries house/);

    await page.getByRole('button', { name: 'Record my voice' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Recording…' })).toBeVisible();
    await shot(page, 'm-recording');
    await expect(page.getByText('0:02', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect(page.getByText('Your recording')).toBeVisible();
    await child.draw();
    await expectAccessible(page, 'worries house with a recording and a drawing');
    await shot(page, 'm-recording-and-drawing');

    await context.setOffline(true);
    await page.reload();
    await child.expectQuestion(/The worries house/);
    await expect(page.getByText('Your recording')).toBeVisible();
    const playable = await page.locator('audio').evaluate(
      (a: HTMLAudioElement) =>
        new Promise<boolean>((resolve) => {
          if (a.readyState >= 1) return resolve(true);
          a.onloadedmetadata = () => resolve(true);
          a.onerror = () => resolve(false);
        }),
    );
    expect(playable, 'the kept recording plays').toBe(true);
    await expect.poll(() => child.inkedPixels()).toBeGreaterThan(100);

    // Delete and redo the recording.
    await page.getByRole('button', { name: 'Delete the recording' }).click();
    await page.getByRole('button', { name: 'Record my voice' }).click();
    await expect(page.getByText('0:01', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect(page.getByText('Your recording')).toBeVisible();

    await context.setOffline(false);
    await child.next();
    await child.next();
    await child.next();
    await child.expectDone('Cerys');
    await child.giveBack(TEST_PIN);
    const note = new WorkerNotePage(page);
    await note.expectShown('Cerys');
    await note.fill({ alone: true, where: 'School', approach: 'Drawing and recording', observations: 'Liked hearing herself back.' });
    await note.save();
    await expect(note.voices().getByRole('img', { name: 'Drawing: Worries' })).toBeVisible();
    await expect(note.voices().getByLabel('Recording: Worries')).toHaveCount(1);
    await new CaseListPage(page).expectAllSent();

    await context.setOffline(true);
    await page.reload();
    await expect(note.voices().getByRole('img', { name: 'Drawing: Worries' })).toBeVisible();
    await expect(note.voices().getByLabel('Recording: Worries')).toHaveCount(1);
    await context.close();
  } finally {
    await browser.close();
  }
});
