// npm run doctor and the test command's prerequisite step, as a newcomer meets them on a machine that lacks
// something: a PATH without Chromium (and without apt-get, so nothing can be installed), a port already taken.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@alpes/testing';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let barePath: string;

/** Runs a repository script with node and the given environment (on top of a minimal one). */
function runScript(script: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { HOME: process.env.HOME ?? '/root', ...env },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Free ports for every server npm start would open, so only what a test changes can fail. */
async function freePorts(): Promise<Record<string, string>> {
  const names = ['PORT', 'AFILIADOS_PORT', 'CONVERSIONES_PORT', 'MARKETING_PORT', 'EMBEDDED_POSTGRES_PORT'];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, String(await freePort())])));
}

beforeAll(() => {
  // A PATH holding only node: no chromium, no apt-get, no sudo, no java.
  barePath = mkdtempSync(join(tmpdir(), 'alpes-bare-path-'));
  symlinkSync(process.execPath, join(barePath, 'node'));
});
afterAll(() => rmSync(barePath, { recursive: true, force: true }));

describe('npm run doctor', () => {
  it('exits 0 and marks every line ✔ or ✘ when all that the configuration needs is there', async () => {
    const { status, output } = runScript('scripts/doctor.mjs', {
      PATH: process.env.PATH ?? '',
      CHROMIUM_PATH: process.execPath, // any existing executable stands in for the browser here
      ...(await freePorts()),
    });
    expect(output).toContain('✔ Node.js');
    expect(output).toMatch(/✔ PostgreSQL \(embedded/);
    expect(output).toMatch(/✔ Chromium .*: \//);
    expect(output.split('\n').filter((line) => /^[✔✘] /.test(line)).length).toBeGreaterThanOrEqual(10);
    expect(output).toContain('Everything this configuration needs is here.');
    expect(status).toBe(0);
  });

  it('names missing Chromium with the exact install command, and exits 1 when it cannot be installed here', async () => {
    const { status, output } = runScript('scripts/doctor.mjs', { PATH: barePath, ...(await freePorts()) });
    expect(output).toMatch(/✘ Chromium .*not found \(apt-get is not available/);
    expect(output).toContain('fix: sudo apt-get update && sudo apt-get install -y chromium');
    expect(status).toBe(1);
  });

  it('names a port that is taken, with the variable that moves it, and exits 1', async () => {
    const ports = await freePorts();
    const taken = Number(ports.AFILIADOS_PORT);
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(taken, '0.0.0.0', resolve));
    try {
      const { status, output } = runScript('scripts/doctor.mjs', { PATH: process.env.PATH ?? '', CHROMIUM_PATH: process.execPath, ...ports });
      expect(output).toContain(`✘ port ${taken} (AFILIADOS_PORT, npm start): taken`);
      expect(output).toContain('fix: stop what holds it, or set AFILIADOS_PORT to a free port');
      expect(status).toBe(1);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('requires the broker only when BUS=pulsar, and says how to start it', async () => {
    const closed = String(await freePort());
    const base = { PATH: process.env.PATH ?? '', CHROMIUM_PATH: process.execPath, PULSAR_WEB_URL: `http://127.0.0.1:${closed}`, ...(await freePorts()) };
    const memory = runScript('scripts/doctor.mjs', base);
    expect(memory.output).toMatch(/✘ Pulsar broker .*not answering[^\n]*\n\s+\(not required by this configuration\) fix: npm run pulsar:start/);
    expect(memory.status).toBe(0);
    const pulsar = runScript('scripts/doctor.mjs', { ...base, BUS: 'pulsar' });
    expect(pulsar.output).toMatch(/✘ Pulsar broker .*not answering[^\n]*\n\s+fix: npm run pulsar:start/);
    expect(pulsar.status).toBe(1);
  });

  it('checks Redis when a Redis setting is given: the machine’s answers, a closed port does not', async () => {
    const base = { PATH: process.env.PATH ?? '', CHROMIUM_PATH: process.execPath, ...(await freePorts()) };
    const down = runScript('scripts/doctor.mjs', { ...base, RATE_LIMIT_REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(down.output).toMatch(/✘ Redis at RATE_LIMIT_REDIS_URL: ECONNREFUSED/);
    expect(down.status).toBe(1);
    const up = runScript('scripts/doctor.mjs', { ...base, RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(up.output).toContain('✔ Redis at RATE_LIMIT_REDIS_URL: answers PING');
  });
});

describe('npm test’s prerequisite step', () => {
  it('fails at once, before any suite runs, naming the command that installs Chromium', () => {
    const { status, output } = runScript('scripts/prerequisites/run-tests.mjs', { PATH: barePath }, ['test']);
    expect(output).toContain('[test] cannot run the suites:');
    expect(output).toContain('chromium (the playground browser test');
    expect(output).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(output).not.toMatch(/turbo|Tasks:/);
    expect(status).toBe(1);
  });

  it('test:pulsar fails at once when no broker answers, naming npm run pulsar:start', async () => {
    const { status, output } = runScript('scripts/prerequisites/run-tests.mjs', { PATH: barePath, PULSAR_WEB_URL: `http://127.0.0.1:${await freePort()}` }, [
      'test:pulsar',
    ]);
    expect(output).toMatch(/no Pulsar broker at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Start one with: npm run pulsar:start/);
    expect(status).toBe(1);
  });
});
