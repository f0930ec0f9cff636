import { spawn, spawnSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/index.js';
import { freePort } from './support/free-port.js';
import { cleanUp, tempDir } from './support/test-databases.js';

const running: EmbeddedPostgres[] = [];
afterAll(async () => {
  for (const server of running) await server.stop();
  await cleanUp();
});

/** A data directory the postgres user can reach (mkdtemp makes 0700 directories). */
async function dataDirectory(): Promise<string> {
  const parent = await tempDir('alpes-embedded-pg-');
  await chmod(parent, 0o755);
  return join(parent, 'data');
}

async function start(dataDir: string, port: number, log?: (line: string) => void): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, port, databases: ['afiliados', 'marketing'], ...(log ? { log } : {}) });
  running.push(server);
  return server;
}

async function queryOne<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(result) ? result.at(-1)! : result).rows[0] as T;
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(spawnSync('cat', [`/proc/${pid}/stat`]).stdout.toString());
  } catch {
    return false;
  }
}

describe('startEmbeddedPostgres', () => {
  it('initialises, creates the databases, answers queries, stops, and reuses the data directory', async () => {
    const dataDir = await dataDirectory();
    const port = await freePort(54390);

    const started = performance.now();
    const server = await start(dataDir, port);
    console.info(`[timing] embedded postgres initdb + start: ${(performance.now() - started).toFixed(0)} ms`);

    expect(server.port).toBe(port);
    expect(server.urlFor('afiliados')).toBe(`postgresql://postgres:postgres@127.0.0.1:${port}/afiliados`);
    const row = await queryOne<{ db: string; version: string }>(server.urlFor('afiliados'), 'SELECT current_database() AS db, version() AS version');
    expect(row.db).toBe('afiliados');
    expect(row.version).toMatch(/^PostgreSQL 17\./);
    await queryOne(server.urlFor('marketing'), 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');

    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await server.stop();
    await server.stop(); // idempotent
    expect(alive(pid)).toBe(false);
    await expect(queryOne(server.urlFor('afiliados'), 'SELECT 1')).rejects.toThrow();

    const lines: string[] = [];
    const restarted = performance.now();
    const again = await start(dataDir, port, (line) => lines.push(line));
    console.info(`[timing] embedded postgres start on an existing data directory: ${(performance.now() - restarted).toFixed(0)} ms`);
    expect(lines.some((line) => line.includes('initdb'))).toBe(false);
    expect(await queryOne<{ id: number }>(again.urlFor('marketing'), 'SELECT id FROM kept')).toEqual({ id: 7 });
    await again.stop();
  });

  it('starts after the previous run was SIGKILLed and left postgres orphaned', async () => {
    const dataDir = await dataDirectory();
    const port = await freePort(54400);
    const fixture = fileURLToPath(new URL('./fixtures/hold-embedded-postgres.ts', import.meta.url));
    const holder = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const orphanPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      holder.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      holder.once('exit', (code) => reject(new Error(`fixture exited early (${code}): ${out}`)));
    });
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(alive(orphanPid)).toBe(true); // postgres outlived its parent

    const lines: string[] = [];
    const server = await start(dataDir, port, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(`left running by a previous run (pid ${orphanPid})`);
    expect(alive(orphanPid)).toBe(false);
    expect(await queryOne<{ id: number }>(server.urlFor('orphaned'), 'SELECT id FROM survivor')).toEqual({ id: 42 });
    await server.stop();
  });

  it('removes a stale postmaster.pid whose process is gone or is not our postgres', async () => {
    const dataDir = await dataDirectory();
    const port = await freePort(54410);
    await (await start(dataDir, port)).stop();

    const finished = spawnSync('true');
    const deadPid = finished.pid!;
    for (const stalePid of [deadPid, process.pid]) {
      await writeFile(join(dataDir, 'postmaster.pid'), `${stalePid}\n${dataDir}\n1764300000\n${port}\n\n127.0.0.1\n  5433001         0\nready   \n`);
      const lines: string[] = [];
      const server = await start(dataDir, port, (line) => lines.push(line));
      expect(lines.join('\n')).toContain(`removing stale postmaster.pid (pid ${stalePid} is not running)`);
      expect(await queryOne<{ one: number }>(server.urlFor('afiliados'), 'SELECT 1 AS one')).toEqual({ one: 1 });
      await server.stop();
    }
  });

  it('reports a port that is already taken', async () => {
    const dataDir = await dataDirectory();
    const taken = createServer();
    const port = await freePort(54_900);
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startEmbeddedPostgres({ dataDir, port, databases: [] })).rejects.toThrow(new RegExp(`postgres exited during start[\\s\\S]*${port}`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
