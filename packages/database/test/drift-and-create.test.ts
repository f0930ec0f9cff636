import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SERVICE_DATABASES,
  applyMigrations,
  checkDrift,
  createMigration,
  listMigrations,
  migrationSlug,
  migrationTimestamp,
  migrationsDirOf,
  schemaPathOf,
} from '../src/index.js';
import { SERVER_URL, cleanUp, copyOfMigrations, createTestDatabase, databasesNamed, tempDir } from './support/test-databases.js';

afterAll(cleanUp);

/** A copy of the service's schema with one more model. */
async function schemaWithExtraModel(service: (typeof SERVICE_DATABASES)[number]): Promise<string> {
  const path = join(await tempDir(`alpes-schema-${service}-`), 'schema.prisma');
  const schema = await readFile(schemaPathOf(service), 'utf8');
  await writeFile(path, `${schema}\nmodel Nota {\n  id    Int    @id @default(autoincrement())\n  texto String\n\n  @@map("notas")\n}\n`);
  return path;
}

describe('checkDrift', () => {
  it.each(SERVICE_DATABASES)('finds no drift between the committed %s migrations and schema', async (service) => {
    expect(await checkDrift({ service, serverUrl: SERVER_URL })).toBe('');
  });

  it('returns the missing SQL when the last migration is missing: exactly that migration', async () => {
    const migrationsDir = await copyOfMigrations('afiliados', 1);
    const difference = await checkDrift({ service: 'afiliados', serverUrl: SERVER_URL, migrationsDir });
    const last = (await listMigrations('afiliados')).at(-1)!;
    expect(difference.trim()).toBe((await readFile(join(migrationsDirOf('afiliados'), last, 'migration.sql'), 'utf8')).trim());
    expect(difference).not.toContain('_prisma_migrations');
  });

  it('returns the whole schema when no migration exists', async () => {
    const migrationsDir = await copyOfMigrations('afiliados', (await listMigrations('afiliados')).length);
    const difference = await checkDrift({ service: 'afiliados', serverUrl: SERVER_URL, migrationsDir });
    expect(difference).toContain('CREATE TABLE "afiliados"');
    expect(difference).toContain('CREATE TABLE "outbox_messages"');
  });

  it('returns the missing SQL when the schema has a change without migration', async () => {
    const schemaPath = await schemaWithExtraModel('marketing');
    const difference = await checkDrift({ service: 'marketing', serverUrl: SERVER_URL, schemaPath });
    expect(difference).toMatch(/CREATE TABLE "notas"/);
    expect(difference).not.toContain('CREATE TABLE "campanas"');
  });

  it('drops its temporary and shadow databases', async () => {
    expect(await databasesNamed('drift_check_')).toEqual([]);
    expect(await databasesNamed('prisma_migrate_shadow_db_')).toEqual([]);
  });
});

describe('createMigration', () => {
  it('writes nothing and returns null when the schema has no change', async () => {
    const migrationsDir = await copyOfMigrations('conversiones');
    const before = await readdir(migrationsDir);
    expect(await createMigration({ service: 'conversiones', name: 'nothing', shadowUrl: SERVER_URL, migrationsDir })).toBeNull();
    expect(await readdir(migrationsDir)).toEqual(before);
  });

  it.each(SERVICE_DATABASES)("creates a first %s migration from the schema that matches the committed ones (no drift), in Prisma's layout", async (service) => {
    const migrationsDir = join(await tempDir(`alpes-empty-${service}-`), 'migrations');
    const created = await createMigration({ service, name: 'init', shadowUrl: SERVER_URL, migrationsDir, now: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) });
    expect(created?.name).toBe('20300102030405_init');
    expect(await checkDrift({ service, serverUrl: SERVER_URL, migrationsDir })).toBe('');
    const [committedInit, ...later] = await listMigrations(service);
    // what the committed first migration creates is still in what the schema needs now, unless a later one dropped it
    const init = await readFile(join(migrationsDirOf(service), committedInit!, 'migration.sql'), 'utf8');
    const laterScripts = await Promise.all(later.map((name) => readFile(join(migrationsDirOf(service), name, 'migration.sql'), 'utf8')));
    const dropped = new Set(laterScripts.flatMap((script) => [...script.matchAll(/^DROP (?:TYPE|TABLE|INDEX) "(\w+)"/gm)].map((match) => match[1])));
    const fromScratch = await readFile(join(migrationsDir, '20300102030405_init', 'migration.sql'), 'utf8');
    const kept = [...init.matchAll(/^CREATE (?:TYPE|TABLE|UNIQUE INDEX|INDEX) "(\w+)"/gm)].filter((match) => !dropped.has(match[1]));
    expect(kept.length).toBeGreaterThan(0);
    for (const [statement] of kept) expect(fromScratch).toContain(statement);
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(
      await readFile(join(migrationsDirOf(service), 'migration_lock.toml'), 'utf8'),
    );
  });

  it('writes the next migration for a schema change, which then applies with no drift left', async () => {
    const migrationsDir = await copyOfMigrations('afiliados');
    const schemaPath = await schemaWithExtraModel('afiliados');
    const created = await createMigration({ service: 'afiliados', name: 'Add notas', shadowUrl: SERVER_URL, migrationsDir, schemaPath });
    expect(created).not.toBeNull();
    expect(created!.name).toMatch(/^\d{14}_add_notas$/);
    expect(created!.directory).toBe(join(migrationsDir, created!.name));
    const script = await readFile(join(created!.directory, 'migration.sql'), 'utf8');
    expect(script).toBe(created!.script);
    expect(script).toContain('CREATE TABLE "notas"');
    expect(script).not.toContain('CREATE TABLE "afiliados"');

    const url = await createTestDatabase('alpes_created');
    expect((await applyMigrations({ service: 'afiliados', url, migrationsDir })).applied).toHaveLength((await listMigrations('afiliados')).length + 1);
    expect(await checkDrift({ service: 'afiliados', serverUrl: SERVER_URL, migrationsDir, schemaPath })).toBe('');
  });

  it('refuses to overwrite an existing migration folder', async () => {
    const migrationsDir = await copyOfMigrations('afiliados');
    const schemaPath = await schemaWithExtraModel('afiliados');
    const now = new Date(Date.UTC(2031, 5, 6, 7, 8, 9));
    await mkdir(join(migrationsDir, '20310606070809_notas'));
    await writeFile(join(migrationsDir, '20310606070809_notas', 'migration.sql'), '-- taken\n');
    await expect(createMigration({ service: 'afiliados', name: 'notas', shadowUrl: SERVER_URL, migrationsDir, schemaPath, now })).rejects.toThrow(
      /already exists/,
    );
  });

  it('leaves no shadow database behind', async () => {
    expect(await databasesNamed('prisma_migrate_shadow_db_')).toEqual([]);
  });
});

describe('migration names', () => {
  it('use a UTC yyyyMMddHHmmss prefix and a Prisma-style slug', () => {
    expect(migrationTimestamp(new Date(Date.UTC(2026, 10, 28, 3, 9, 47)))).toBe('20261128030947');
    expect(migrationSlug('init')).toBe('init');
    expect(migrationSlug('Add comisión to afiliados')).toBe('add_comision_to_afiliados');
    expect(migrationSlug('addCampanaTags')).toBe('add_campana_tags');
    expect(migrationSlug('  --  ')).toBe('');
  });

  it('the committed migrations are in Prisma layout', async () => {
    for (const service of SERVICE_DATABASES) {
      const names = await listMigrations(service);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
        expect(existsSync(join(migrationsDirOf(service), name, 'migration.sql'))).toBe(true);
      }
      expect(await readFile(join(migrationsDirOf(service), 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    }
  });
});
