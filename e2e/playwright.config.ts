import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One throwaway data directory per run; the config is evaluated again in each worker, so the
// first evaluation publishes it through the environment for the others.
process.env.HOMEWARD_E2E_DATA ||= mkdtempSync(join(tmpdir(), 'homeward-e2e-'));
const port = Number(process.env.HOMEWARD_E2E_PORT ?? 18765);
const baseURL = `http://127.0.0.1:${port}`;
// Where the release server was built (another CARGO_TARGET_DIR in a second checkout).
const server = process.env.HOMEWARD_SERVER_BIN ?? '../target/release/homeward-server';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalTeardown: './teardown.ts',
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1024, height: 768 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command:
      `"${server}" serve --addr 127.0.0.1:${port}` +
      ` --data-dir "${process.env.HOMEWARD_E2E_DATA}" --dist ../dist --demo`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { DATABASE_URL: '' },
  },
});
