// Shared pieces of the benchmark harness: a real server on a temporary data directory, Debian's
// Chromium through playwright-core, a seeded generator, and medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';

export const root = new URL('..', import.meta.url).pathname;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

/** Starts homeward-server with demo users on a free-ish port; returns { url, stop }. */
export async function startServer({ dist, port, databaseUrl = '' }) {
  const data = mkdtempSync(join(tmpdir(), 'homeward-bench-'));
  const bin = process.env.HOMEWARD_SERVER_BIN ?? join(root, 'target/release/homeward-server');
  const child = spawn(
    bin,
    ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', data, '--dist', dist, '--demo'],
    { env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'warn' }, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Signs in over the API and returns the session cookie header. */
export async function apiSession(url, username = 'ffion', password = 'homeward-demo') {
  const r = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
  return r.headers.get('set-cookie').split(';')[0];
}

/** mulberry32: a seeded generator, so the generated data is the same on every run. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ids shaped as the app makes them: the tablet names every case, record and change with a UUID v7
 * (`Uuid::now_v7`), whose first 48 bits are the time in milliseconds. Ids made later sort later,
 * so the server's indexes on them grow at one end, as they do in use; random (v4) ids would land
 * all over each index and measure a load the app never sends. The other 74 bits come from `rand`,
 * so a seed gives the same ids on every run.
 */
export function seededV7(rand) {
  const hex = (n, digits) => Math.floor(n).toString(16).padStart(digits, '0');
  return (ms) => {
    const time = hex(ms, 12);
    const randA = hex(rand() * 0x1000, 3);
    const variant = hex(0x8000 | (rand() * 0x4000), 4);
    const randB = hex(rand() * 0x1000000, 6) + hex(rand() * 0x1000000, 6);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${variant}-${randB}`;
  };
}

/** Where a seed's generated clock starts: an hour apart per seed, so runs of different seeds are
 * made at different times, in the order of their seeds, as a device's batches are. */
function seededWall(start, seed) {
  return start + seed * 3_600_000;
}

const names = ['Cerys', 'Tomos', 'Amira', 'Yusuf', 'Rhys', 'Lowri', 'Nia', 'Osian', 'Mali', 'Elis'];

/** `n` cases as pushed changes (3 fields each) by `user`, from a seeded generator. */
export function generatedCaseChanges(n, { user = 'ffion', seed = 42, device = randomUUID() } = {}) {
  const rand = seeded(seed);
  const v7 = seededV7(seeded(seed + 1));
  const changes = [];
  let wall = seededWall(1_700_000_000_000, seed);
  for (let i = 0; i < n; i++) {
    const id = v7(wall);
    const name = `${names[Math.floor(rand() * names.length)]} ${Math.floor(rand() * 100000)}`;
    const dob = `20${String(8 + Math.floor(rand() * 17)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    for (const [field, value] of [
      ['child_name', name],
      ['date_of_birth', dob],
      ['note', 'Generated for the benchmark.'],
    ]) {
      wall += 1;
      changes.push({
        change_id: v7(wall),
        device_id: device,
        user,
        case_id: id,
        entity: 'case',
        entity_id: id,
        field,
        value,
        hlc: `${String(wall).padStart(15, '0')}-000000-bench`,
        base: 0,
      });
    }
  }
  return { device, changes };
}

/**
 * Pushes changes in batches, one push after the other as one device does; returns milliseconds
 * taken. The bodies are serialised before the clock starts (that is the client's work, not the
 * server's), and each answer is read in full (the device needs every outcome to clear its outbox).
 */
export async function pushAll(url, cookie, device, changes, batch = 1000) {
  const bodies = [];
  for (let i = 0; i < changes.length; i += batch) {
    bodies.push(JSON.stringify({ device_id: device, changes: changes.slice(i, i + batch) }));
  }
  const start = performance.now();
  for (const body of bodies) {
    const r = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });
    const answer = await r.text();
    if (!r.ok) throw new Error(`push failed: ${r.status} ${answer}`);
  }
  return performance.now() - start;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const BENCH_PIN = '402817';

/** Signs in through the UI in `page`, chooses the PIN, and waits until a case shows. */
export async function signInUi(page, url, username = 'ffion') {
  await page.goto(url + '/');
  await submitSignIn(page, username);
  await choosePinUi(page);
  await page.locator('.case-card').first().waitFor({ timeout: 120_000 });
}

export async function submitSignIn(page, username = 'ffion') {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('homeward-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function choosePinUi(page) {
  await page.locator('#new-pin').fill(BENCH_PIN);
  await page.locator('#new-pin-again').fill(BENCH_PIN);
  await page.locator('form button[type=submit]').click();
}

/**
 * Unlocks a freshly loaded page with the PIN; resolves with the milliseconds (page clock) from
 * the Unlock click to the first case card.
 */
export async function unlockUi(page) {
  await page.locator('#pin-entry').waitFor({ timeout: 120_000 });
  await page.locator('#pin-entry').fill(BENCH_PIN);
  return page.evaluate(async () => {
    const t0 = performance.now();
    document.querySelector('form.pin-form button[type=submit]').click();
    while (!document.querySelector('.case-card')) {
      await new Promise(requestAnimationFrame);
      if (performance.now() - t0 > 120_000) throw new Error('no case card after unlocking');
    }
    return performance.now() - t0;
  });
}

/** `n` chronology entries of one case, as the changes a tablet would push (seeded: comparable runs). */
export function generatedChronology(caseId, n, { user = 'ffion', seed = 7, device = randomUUID() } = {}) {
  const rand = seeded(seed);
  const sources = ['case_file', 'health', 'education', 'police', 'family', 'other'];
  const areas = ['previous_assessments', 'parents_history', 'abuse_neglect_adversity', 'risk_and_protective_factors',
    'capacity_to_change', 'services_tried', 'previous_failed_returns', 'attachments', 'special_needs'];
  const v7 = seededV7(seeded(seed + 1));
  const changes = [];
  let wall = seededWall(1_700_100_000_000, seed);
  for (let i = 0; i < n; i++) {
    wall += 1;
    const id = v7(wall);
    const date = `20${String(10 + Math.floor(rand() * 14)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    changes.push({
      change_id: v7(wall), device_id: device, user, case_id: caseId,
      entity: 'chronology_entry', entity_id: id, field: 'data',
      value: {
        id, date, source: sources[Math.floor(rand() * sources.length)], source_detail: `Record ${i + 1}`,
        area: areas[Math.floor(rand() * areas.length)],
        what: `Generated event ${i + 1}: a visit, a letter or a meeting, as the records say.`,
        analysis: rand() < 0.5 ? 'What it means for the child, in the worker\'s words.' : '',
        factor_ids: [], children: [], event: null, engagement: null, recorded_by: user,
      },
      hlc: `${String(wall).padStart(15, '0')}-000000-bench`,
      base: 0,
    });
  }
  return changes;
}
