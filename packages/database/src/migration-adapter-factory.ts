// The driver adapter factory handed to Prisma's wasm schema engine: @prisma/adapter-pg, with
// - host/user/password/database passed separately (a connectionString would override the shadow
//   database's name),
// - one connection per database, like Prisma's native engine (its advisory lock is per session),
// - each migration script sent whole in one simple query, like the native engine (PrismaPg splits
//   scripts on every ";", which breaks on a ";" inside a string or comment),
// - shadow databases that we create and always drop ourselves.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import { toPoolConfig, withDatabase } from './connection-url.js';
import { createDatabaseIfMissing, dropDatabaseIfExists, withServerClient } from './database-admin.js';

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

const ENGINE_POOL = { max: 1, idleTimeoutMillis: 0 } as const;

class WholeScriptPgAdapter implements SqlDriverAdapter {
  readonly provider: PgAdapter['provider'];
  readonly adapterName: string;
  private disposed = false;

  constructor(
    private readonly inner: PgAdapter,
    private readonly afterDispose: () => Promise<void> = async () => undefined,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    readCharColumnsAsText(inner.underlyingDriver());
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo();
  }

  async executeScript(script: string): Promise<void> {
    try {
      await this.inner.underlyingDriver().query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      await this.inner.dispose();
    } finally {
      await this.afterDispose();
    }
  }
}

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * PostgreSQL's one-byte "char" type (OID 18, e.g. pg_class.relkind), which the engine reads while
 * describing a schema, is not mapped by @prisma/adapter-pg ("Column type 'char' could not be
 * deserialized"). pg already hands its values over as strings; report those columns as text.
 */
function readCharColumnsAsText(pool: ReturnType<PgAdapter['underlyingDriver']>): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const relabel = (result: unknown): unknown => {
    for (const each of Array.isArray(result) ? result : [result]) {
      for (const field of (each as { fields?: { dataTypeID: number }[] } | null)?.fields ?? []) {
        if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      }
    }
    return result;
  };
  pool.query = ((...args: unknown[]) => {
    const pending = query(...args);
    return pending instanceof Promise ? pending.then(relabel) : pending;
  }) as typeof pool.query;
}

function toDriverAdapterError(error: unknown): unknown {
  const e = error as { code?: unknown; severity?: string; message?: string; detail?: string; column?: string; hint?: string };
  if (typeof e?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: e.code,
    severity: e.severity ?? 'ERROR',
    message: e.message ?? String(error),
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}

export interface MigrationAdapterFactory {
  /** Pass to SchemaEngine.new (after bindMigrationAwareSqlAdapterFactory). */
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes every connection the engine opened and drops every shadow database it created. */
  close(): Promise<void>;
}

export function createMigrationAdapterFactory(url: string): MigrationAdapterFactory {
  const open = new Set<WholeScriptPgAdapter>();
  const shadowDatabases = new Set<string>();

  const track = (adapter: WholeScriptPgAdapter): WholeScriptPgAdapter => {
    open.add(adapter);
    return adapter;
  };

  const dropShadow = async (name: string): Promise<void> => {
    await withServerClient(url, (client) => dropDatabaseIfExists(client, name));
    shadowDatabases.delete(name);
  };

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      const inner = await new PrismaPg(toPoolConfig(url, ENGINE_POOL)).connect();
      return track(new WholeScriptPgAdapter(inner));
    },
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      shadowDatabases.add(name);
      await withServerClient(url, (client) => createDatabaseIfMissing(client, name));
      const inner = await new PrismaPg(toPoolConfig(withDatabase(url, name), ENGINE_POOL)).connect();
      return track(new WholeScriptPgAdapter(inner, () => dropShadow(name)));
    },
  };

  return {
    factory,
    async close() {
      const errors: unknown[] = [];
      for (const adapter of open) await adapter.dispose().catch((error: unknown) => errors.push(error));
      open.clear();
      for (const name of [...shadowDatabases]) await dropShadow(name).catch((error: unknown) => errors.push(error));
      if (errors.length) throw new AggregateError(errors, 'Could not close the schema engine connections');
    },
  };
}
