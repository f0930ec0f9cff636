import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PendingMigrationsError,
  SERVICE_DATABASES,
  applyMigrations,
  assertNoPendingMigrations,
  listMigrations,
  migrationsDirOf,
  pendingMigrations,
} from '../src/index.js';
import { cleanUp, copyOfMigrations, createTestDatabase, databasesNamed, query, sha256OfFile, unusedDatabaseUrl } from './support/test-databases.js';

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const rowsOf = (url: string) => query<MigrationRow>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');

afterAll(cleanUp);

describe('applyMigrations', () => {
  it.each(SERVICE_DATABASES)('applies the committed %s migrations and records them as Prisma does', async (service) => {
    const url = await createTestDatabase(`alpes_apply_${service}`);
    const committed = await listMigrations(service);
    expect(committed.length).toBeGreaterThan(0);

    const started = performance.now();
    const { applied } = await applyMigrations({ service, url });
    console.info(`[timing] applyMigrations(${service}) on a fresh database: ${(performance.now() - started).toFixed(0)} ms`);

    expect(applied).toEqual(committed);
    const rows = await rowsOf(url);
    expect(rows.map((row) => row.migration_name)).toEqual(committed);
    for (const row of rows) {
      expect(row.checksum).toBe(await sha256OfFile(join(migrationsDirOf(service), row.migration_name, 'migration.sql')));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'outbox_messages'`);
    expect(tables[0]?.n).toBe(1);

    expect(await applyMigrations({ service, url })).toEqual({ applied: [] });
    expect(await rowsOf(url)).toEqual(rows);
  });

  it('applies only the migrations the database lacks, each script whole and atomically', async () => {
    const url = await createTestDatabase('alpes_apply_incremental');
    const migrationsDir = await copyOfMigrations('afiliados');
    await applyMigrations({ service: 'afiliados', url, migrationsDir });

    // A ";" inside a comment or a string must not split the script (PrismaPg's executeScript would).
    await mkdir(join(migrationsDir, '20990101000000_semicolons'));
    await writeFile(
      join(migrationsDir, '20990101000000_semicolons', 'migration.sql'),
      `-- a comment; with a semicolon\nCREATE TABLE "notas" ("texto" TEXT NOT NULL DEFAULT 'a;b');\n`,
    );
    expect(await pendingMigrations({ service: 'afiliados', url, migrationsDir })).toEqual(['20990101000000_semicolons']);
    expect(await applyMigrations({ service: 'afiliados', url, migrationsDir })).toEqual({ applied: ['20990101000000_semicolons'] });

    await mkdir(join(migrationsDir, '20990102000000_fails'));
    await writeFile(join(migrationsDir, '20990102000000_fails', 'migration.sql'), 'CREATE TABLE "half" ("x" INT);\nSELECT 1/0;\n');
    await expect(applyMigrations({ service: 'afiliados', url, migrationsDir })).rejects.toThrow(/division by zero/);
    const half = await query<{ t: string | null }>(url, `SELECT to_regclass('half')::text AS t`);
    expect(half[0]?.t).toBeNull();
    const failed = (await rowsOf(url)).find((row) => row.migration_name === '20990102000000_fails');
    expect(failed).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    await expect(applyMigrations({ service: 'afiliados', url, migrationsDir })).rejects.toThrow(/failed migrations/);
  });

  it('lets concurrent callers apply each migration once', async () => {
    const url = await createTestDatabase('alpes_apply_concurrent');
    const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations({ service: 'marketing', url })));
    const committed = await listMigrations('marketing');
    expect(results.flatMap((result) => result.applied).sort()).toEqual(committed);
    expect((await rowsOf(url)).map((row) => row.migration_name)).toEqual(committed);
  });

  it('creates the database when it does not exist, like prisma migrate deploy', async () => {
    const url = unusedDatabaseUrl('alpes_apply_missing');
    expect(await pendingMigrations({ service: 'conversiones', url })).toEqual(await listMigrations('conversiones'));
    expect((await applyMigrations({ service: 'conversiones', url })).applied).toEqual(await listMigrations('conversiones'));
  });

  it('leaves no shadow database behind', async () => {
    expect(await databasesNamed('prisma_migrate_shadow_db_')).toEqual([]);
  });

  it('lets a script end as soon as it is done (the engine leaves no live timer or connection)', async () => {
    const url = await createTestDatabase('alpes_apply_exit');
    const fixture = fileURLToPath(new URL('./fixtures/apply-and-exit.ts', import.meta.url));
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let appliedAt = 0;
    child.stdout.on('data', () => (appliedAt ||= out.includes('APPLIED') ? performance.now() : 0));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain(`APPLIED ${(await listMigrations('afiliados')).join(',')}`);
    expect(performance.now() - appliedAt).toBeLessThan(2_000); // the engine's 10 s timers used to hold it
    console.info(`[timing] node + tsx + applyMigrations in a fresh process: ${(appliedAt - started).toFixed(0)} ms`);
  });
});

describe('pendingMigrations and assertNoPendingMigrations', () => {
  it('name every committed migration on a database without _prisma_migrations, none once applied', async () => {
    const url = await createTestDatabase('alpes_pending');
    const committed = await listMigrations('afiliados');
    expect(await pendingMigrations({ service: 'afiliados', url })).toEqual(committed);

    const error = await assertNoPendingMigrations({ service: 'afiliados', url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PendingMigrationsError);
    const message = (error as Error).message;
    for (const name of committed) expect(message).toContain(name);
    expect(message).toContain('npm run db:migrate');
    expect(message).toContain('MIGRATE_ON_START=true');

    await applyMigrations({ service: 'afiliados', url });
    expect(await pendingMigrations({ service: 'afiliados', url })).toEqual([]);
    await expect(assertNoPendingMigrations({ service: 'afiliados', url })).resolves.toBeUndefined();
  });

  it('name only the migrations added after the last apply', async () => {
    const url = await createTestDatabase('alpes_pending_partial');
    const migrationsDir = await copyOfMigrations('afiliados');
    await applyMigrations({ service: 'afiliados', url, migrationsDir });
    await mkdir(join(migrationsDir, '20990101000000_extra'));
    await writeFile(join(migrationsDir, '20990101000000_extra', 'migration.sql'), 'CREATE TABLE "extra" ("id" INT);\n');
    await expect(assertNoPendingMigrations({ service: 'afiliados', url, migrationsDir })).rejects.toThrow(
      /1 pending migration\(s\): 20990101000000_extra\. Run `npm run db:migrate`/,
    );
  });
});
