import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaAdapter, loadSchemaEngineWasm, parseDatabaseUrl, schemaPathOf, withDatabase, withSchemaEngine } from '../src/index.js';
import { SERVER_URL, cleanUp, createTestDatabase } from './support/test-databases.js';

afterAll(cleanUp);

describe('Prisma schema engine (wasm)', () => {
  it('loads once per process', async () => {
    const loaded = await loadSchemaEngineWasm();
    console.info(`[timing] schema engine wasm load: ${loaded.loadTimeMs.toFixed(0)} ms`);
    const pkg = JSON.parse(await readFile(join(dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm')), 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(pkg.version.endsWith(loaded.version)).toBe(true);
    expect(await loadSchemaEngineWasm()).toBe(loaded);
  });

  it('diffs from nothing to a schema', async () => {
    const content = await readFile(schemaPathOf('afiliados'), 'utf8');
    const files = [{ path: 'schema.prisma', content }];
    const sql = await withSchemaEngine({ url: SERVER_URL, schemaFiles: files }, (engine) => engine.diff({ tag: 'empty' }, { tag: 'schemaDatamodel', files }));
    expect(sql).toContain('CREATE TABLE "afiliados"');
    const none = await withSchemaEngine({ url: SERVER_URL, schemaFiles: files }, (engine) =>
      engine.diff({ tag: 'schemaDatamodel', files }, { tag: 'schemaDatamodel', files }),
    );
    expect(none).toBeNull();
  });

  it('reports engine errors with their reason', async () => {
    const files = [{ path: 'schema.prisma', content: 'datasource db {\n  provider = "postgresql"\n}\nmodel Broken {\n  id Int\n}\n' }];
    await expect(
      withSchemaEngine({ url: SERVER_URL, schemaFiles: files }, (engine) => engine.diff({ tag: 'empty' }, { tag: 'schemaDatamodel', files })),
    ).rejects.toThrow(/Prisma schema engine \(diff\) failed: [\s\S]*unique criteria/);
  });
});

describe('createPrismaAdapter', () => {
  it('builds a PrismaPg adapter with the given pool size that queries the database', async () => {
    const url = await createTestDatabase('alpes_adapter');
    const adapter = await createPrismaAdapter(url, { max: 3 }).connect();
    try {
      const result = await adapter.queryRaw({ sql: 'SELECT current_database() AS db', args: [], argTypes: [] });
      expect(result.rows).toEqual([[parseDatabaseUrl(url).database]]);
      expect(adapter.underlyingDriver().options.max).toBe(3);
    } finally {
      await adapter.dispose();
    }
  });

  it('passes the database name separately from the rest of the URL', () => {
    expect(parseDatabaseUrl('postgresql://u:p%40ss@db.example:6543/afiliados')).toEqual({
      host: 'db.example',
      port: 6543,
      user: 'u',
      password: 'p@ss',
      database: 'afiliados',
    });
    expect(withDatabase('postgresql://postgres@127.0.0.1:5432/afiliados', 'postgres')).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
  });
});
