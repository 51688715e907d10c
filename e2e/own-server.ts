import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** The release server the config starts too (another CARGO_TARGET_DIR in a second checkout). */
const serverBin = resolve(__dirname, process.env.HOMEWARD_SERVER_BIN ?? '../target/release/homeward-server');
export const builtDist = resolve(__dirname, '../dist');

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/**
 * A server of the test's own, on 127.0.0.1 with a temporary data directory (demo data), which
 * can be restarted on the same address and database with another build of the app, as a deploy
 * does. `stop()` ends it and removes the directory.
 */
export class OwnServer {
  private process?: ChildProcess;
  private log = '';

  private constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(dist: string): Promise<OwnServer> {
    const server = new OwnServer(await freePort(), mkdtempSync(join(tmpdir(), 'homeward-e2e-own-')));
    await server.serve(dist);
    return server;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops the running process, if any, and starts one serving `dist`; resolves once healthy. */
  async serve(dist: string) {
    await this.halt();
    this.log = '';
    const child = spawn(
      serverBin,
      ['serve', '--addr', `127.0.0.1:${this.port}`, '--data-dir', this.dataDir, '--dist', dist, '--demo'],
      { env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (d) => (this.log += d));
    child.stderr?.on('data', (d) => (this.log += d));
    this.process = child;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${this.log}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server not healthy after 60 s:\n${this.log}`);
  }

  private async halt() {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async stop() {
    await this.halt();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The URL paths of every file of a build (precompressed copies aside). */
export function buildPaths(dist: string): Set<string> {
  return new Set(
    files(dist)
      .filter((f) => !/\.(br|gz)$/.test(f))
      .map((f) => `/${relative(dist, f)}`),
  );
}

const HASHED = /^(.*-)([0-9a-f]{16,})((?:_bg)?\.(?:js|wasm|css))$/;

/**
 * A copy of the built app as the next build would be: every hashed JS, wasm and CSS file gets a
 * new hash in its name, the stylesheet changes (it sets `--homeward-build: "<marker>"` on the
 * root), and index.html names the new files with their integrity hashes. Remove it with rmSync.
 */
export function nextBuild(dist: string, marker: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-e2e-build-'));
  cpSync(dist, dir, { recursive: true });
  let index = readFileSync(join(dir, 'index.html'), 'utf8');
  for (const name of readdirSync(dir)) {
    const m = HASHED.exec(name);
    if (!m) continue;
    const flipped = [...m[2]].map((c) => ((parseInt(c, 16) + 1) % 16).toString(16)).join('');
    const renamed = `${m[1]}${flipped}${m[3]}`;
    let body = readFileSync(join(dir, name));
    for (const zipped of [`${name}.br`, `${name}.gz`]) rmSync(join(dir, zipped), { force: true });
    unlinkSync(join(dir, name));
    const oldIntegrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
    if (name.endsWith('.css')) body = Buffer.concat([body, Buffer.from(`\n:root{--homeward-build:"${marker}"}\n`)]);
    writeFileSync(join(dir, renamed), body);
    const newIntegrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
    index = index.split(name).join(renamed).split(oldIntegrity).join(newIntegrity);
  }
  writeFileSync(join(dir, 'index.html'), index);
  for (const zipped of ['index.html.br', 'index.html.gz']) rmSync(join(dir, zipped), { force: true });
  return dir;
}
