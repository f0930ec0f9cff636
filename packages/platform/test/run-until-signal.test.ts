import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/signal-process.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface FixtureRun {
  output: () => string;
  /** Resolves once the output contains text. */
  waitFor: (text: string, timeoutMs?: number) => Promise<void>;
  signal: (signal: NodeJS.Signals) => void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
}

/** Runs the fixture as its own Node process (node --import tsx), as a service runs. */
function runFixture(env: Record<string, string>): FixtureRun {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((listener) => listener());
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() })),
  );
  const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
  void exited.then(() => clearTimeout(guard));
  return {
    output: () => output,
    // a deadline, not a pause: node --import tsx took over 15 s to print its first line on a loaded 2-core machine
    waitFor: (text, timeoutMs = 45_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`"${text}" not seen within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    signal: (signal) => child.kill(signal),
    exited,
  };
}

const lines = (output: string) =>
  output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

describe('runUntilSignal: graceful shutdown of a process', { timeout: 120_000 }, () => {
  it('stops on SIGTERM and exits 0 once stop() has finished', async () => {
    const run = runFixture({ FIXTURE_STOP_MS: '300' });
    await run.waitFor('started');
    run.signal('SIGTERM');
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    const seen = lines(run.output());
    expect(seen.indexOf('stop ends')).toBeGreaterThan(seen.indexOf('stop begins'));
    expect(seen.at(-1)).toBe('fixture: stopped');
    expect(run.output()).toMatch(/SIGTERM received, shutting down \(at most 20000 ms\)/);
  });

  it('does not abort a shutdown in progress on a second signal (SIGINT or SIGTERM)', async () => {
    const run = runFixture({ FIXTURE_STOP_MS: '1500' });
    await run.waitFor('started');
    run.signal('SIGTERM');
    await run.waitFor('stop begins');
    run.signal('SIGINT');
    run.signal('SIGTERM');
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(run.output()).toContain('SIGINT received while shutting down (after SIGTERM); the shutdown goes on');
    expect(run.output()).toContain('stop ends');
    expect(run.output().match(/stop begins/g)).toHaveLength(1);
  });

  it('exits 1 when stopping takes longer than the bound (SHUTDOWN_TIMEOUT_MS)', async () => {
    const run = runFixture({ FIXTURE_STOP_MS: '10000', SHUTDOWN_TIMEOUT_MS: '500' });
    await run.waitFor('started');
    const signalledAt = Date.now();
    run.signal('SIGTERM');
    const { code, atMs } = await run.exited;
    expect(code, run.output()).toBe(1);
    expect(atMs - signalledAt).toBeLessThan(3_000);
    expect(run.output()).toContain('shutdown took longer than 500 ms');
    expect(run.output()).not.toContain('stop ends');
  });

  it("uses the process's own validated bound when start() returns one", async () => {
    const run = runFixture({ FIXTURE_STOP_MS: '10000', FIXTURE_TIMEOUT_MS: '400', SHUTDOWN_TIMEOUT_MS: '60000' });
    await run.waitFor('started');
    run.signal('SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain('shutdown took longer than 400 ms');
  });

  it('a signal during start stops the process as soon as it has started', async () => {
    const run = runFixture({ FIXTURE_START_MS: '1000' });
    await run.waitFor('starting');
    run.signal('SIGTERM');
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    const seen = lines(run.output());
    expect(seen.indexOf('stop begins')).toBeGreaterThan(seen.indexOf('started'));
    expect(seen).toContain('stop ends');
  });

  it('a configuration error exits 1 with one message listing every problem', async () => {
    const run = runFixture({ FIXTURE_MODE: 'config-error' });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output().match(/invalid configuration/g)).toHaveLength(1);
    expect(run.output()).toContain('fixture: invalid configuration\n  - FIRST: is missing\n  - SECOND: must be a number');
  });

  it('any other start failure exits 1 with its message', async () => {
    const run = runFixture({ FIXTURE_MODE: 'start-error' });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain('fixture failed to start: database unreachable');
  });
});
