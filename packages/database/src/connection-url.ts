// PostgreSQL connection URLs → pg connection settings, and URLs for sibling databases.
export interface PgConnectionSettings {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
}

/**
 * Parses postgresql://user:password@host:port/database. Settings are kept separate (no
 * connectionString) because pg lets a connectionString override an explicit database name.
 */
export function parseDatabaseUrl(url: string): PgConnectionSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a valid PostgreSQL URL: ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(`Not a PostgreSQL URL (expected postgresql://…): ${redactUrl(url)}`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  return {
    host: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')) || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database,
  };
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  return parseDatabaseUrl(url).database;
}

/** pg pool settings (plain values, so they fit every copy of @types/pg in node_modules). */
export interface PgPoolSettings {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  max?: number;
  idleTimeoutMillis?: number;
  connectionTimeoutMillis?: number;
  /** pg sets it on each new session (SET statement_timeout): PostgreSQL cancels a statement running longer (ms; 0 = never). */
  statement_timeout?: number;
  /** Run-time parameters of each new session, as libpq's `options` (e.g. `-c plan_cache_mode=force_generic_plan`). */
  options?: string;
}

export function toPoolConfig(url: string, extra: Omit<PgPoolSettings, keyof PgConnectionSettings> = {}): PgPoolSettings {
  const { host, port, user, password, database } = parseDatabaseUrl(url);
  return { host, port, user, database, ...(password === undefined ? {} : { password }), ...extra };
}

/** The URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@');
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
