// Drift check: do the committed migrations produce exactly the database the Prisma schema describes?
import { withTemporaryDatabase } from './database-admin.js';
import { readMigrationList, readSchemaFiles } from './migration-files.js';
import { withSchemaEngine, type SchemaEngineLogLine } from './schema-engine.js';
import { resolveServiceFiles, type ServiceFiles } from './service-paths.js';

export const DEFAULT_DRIFT_CHECK_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface CheckDriftOptions extends ServiceFiles {
  /** Server on which a temporary database is created and dropped (its database part is ignored). */
  serverUrl?: string;
  log?: (line: SchemaEngineLogLine) => void;
}

/**
 * Applies every committed migration to a fresh temporary database and diffs that database against
 * the schema. Returns the SQL that would be missing from the migrations; '' means no drift.
 */
export async function checkDrift(options: CheckDriftOptions): Promise<string> {
  const { migrationsDir } = resolveServiceFiles(options);
  const schemaFiles = await readSchemaFiles(options);
  const migrations = await readMigrationList(migrationsDir);
  const serverUrl = options.serverUrl ?? DEFAULT_DRIFT_CHECK_SERVER_URL;

  return withTemporaryDatabase(serverUrl, `drift_check_${options.service}`, (url) =>
    withSchemaEngine({ url, schemaFiles, log: options.log }, async (engine) => {
      if (migrations.migrationDirectories.length > 0) await engine.applyMigrations(migrations);
      const difference = await engine.diff(
        { tag: 'schemaDatasource', files: schemaFiles, configDir: migrationsDir },
        { tag: 'schemaDatamodel', files: schemaFiles },
      );
      return difference ?? '';
    }),
  );
}
