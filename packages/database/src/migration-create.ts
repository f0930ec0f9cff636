// Creates the next migration of a service the way `prisma migrate dev --create-only` lays it out:
// the engine replays the committed migrations on a fresh shadow database and diffs the result
// against the Prisma schema.
import { migrationLockfileContent, readMigrationList, readSchemaFiles, writeMigration } from './migration-files.js';
import { withSchemaEngine, type SchemaEngineLogLine } from './schema-engine.js';
import { resolveServiceFiles, type ServiceFiles } from './service-paths.js';

export const DEFAULT_SHADOW_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const PROVIDER = 'postgresql';

export interface CreateMigrationOptions extends ServiceFiles {
  /** Migration name; slugified like the Prisma CLI does ("Add users" → add_users). */
  name: string;
  /** Server hosting the temporary shadow database (its database part is ignored). */
  shadowUrl?: string;
  /** Defaults to now; the folder is <UTC yyyyMMddHHmmss>_<name>. */
  now?: Date;
  log?: (line: SchemaEngineLogLine) => void;
}

export interface CreatedMigration {
  /** Folder name, e.g. 20261128030102_init. */
  name: string;
  /** Absolute path of the folder. */
  directory: string;
  script: string;
}

/** Writes the next migration; returns null (writing nothing) when the schema has no change. */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration | null> {
  const slug = migrationSlug(options.name);
  if (!slug) throw new Error(`Migration name "${options.name}" has no letters or digits`);
  const { migrationsDir } = resolveServiceFiles(options);
  const schemaFiles = await readSchemaFiles(options);
  const migrations = await readMigrationList(migrationsDir);
  // With no migration yet there is no lockfile; the engine needs one to know the connector.
  migrations.lockfile.content ??= migrationLockfileContent(PROVIDER);

  const script = await withSchemaEngine({ url: options.shadowUrl ?? DEFAULT_SHADOW_SERVER_URL, schemaFiles, log: options.log }, (engine) =>
    engine.diff({ tag: 'migrations', ...migrations }, { tag: 'schemaDatamodel', files: schemaFiles }),
  );
  if (script === null) return null;

  const name = `${migrationTimestamp(options.now ?? new Date())}_${slug}`;
  const directory = await writeMigration({ migrationsDir, directoryName: name, script, extension: 'sql', provider: PROVIDER });
  return { name, directory, script };
}

/** UTC yyyyMMddHHmmss, the prefix Prisma gives migration folders. */
export function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

/** Prisma CLI's naming: decamelized, lower case, ASCII, "_" separated, at most 200 characters. */
export function migrationSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .substring(0, 200);
}
