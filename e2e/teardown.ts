import { rmSync } from 'node:fs';

export default async function teardown() {
  const dir = process.env.HOMEWARD_E2E_DATA;
  if (dir && dir.includes('homeward-e2e-')) rmSync(dir, { recursive: true, force: true });
}
