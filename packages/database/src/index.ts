// @alpes/database: database start-up shared by every service.
export { SERVICE_DATABASES, databaseUrlEnvName, isServiceName, type ServiceName } from './services.js';
export { REPO_ROOT, migrationsDirOf, schemaPathOf, type ServiceFiles } from './service-paths.js';
export { parseDatabaseUrl, redactUrl, withDatabase, type PgConnectionSettings } from './connection-url.js';
export { createPrismaAdapter, createServicePool, type PrismaAdapter, type PrismaAdapterOptions } from './prisma-adapter.js';
export { SqlReads, type SqlReadsOptions } from './sql-reads.js';
export type { HasReads, Reads } from './reads.js';
export { RequestReads } from './request-reads.js';
export { ServiceDatabase, openServiceDatabase } from './service-database.js';
export {
  EMBEDDED_POSTGRES_PASSWORD,
  EMBEDDED_POSTGRES_USER,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';
export { listMigrations, migrationLockfileContent } from './migration-files.js';
export { PendingMigrationsError, assertNoPendingMigrations, pendingMigrations, type DatabaseMigrationsTarget } from './migration-status.js';
export { applyMigrations, type ApplyMigrationsOptions, type ApplyMigrationsResult } from './migration-apply.js';
export {
  DEFAULT_SHADOW_SERVER_URL,
  createMigration,
  migrationSlug,
  migrationTimestamp,
  type CreateMigrationOptions,
  type CreatedMigration,
} from './migration-create.js';
export { DEFAULT_DRIFT_CHECK_SERVER_URL, checkDrift, type CheckDriftOptions } from './migration-drift.js';
export { loadSchemaEngineWasm, type LoadedSchemaEngineWasm } from './schema-engine-wasm.js';
export { withSchemaEngine, type SchemaEngineLogLine, type SchemaEngineSession } from './schema-engine.js';
export { createDatabaseIfMissing, dropDatabaseIfExists, randomDatabaseName, withServerClient, withTemporaryDatabase } from './database-admin.js';
export { prepareServiceDatabase } from './prepare-service-database.js';
export { startServiceTestDatabase, type ServiceTestDatabase } from './service-test-database.js';
export { DEFAULT_STATEMENT_TIMEOUT_MS, statementTimeoutFromEnvironment } from './statement-timeout.js';
export { selectColumns } from './select-columns.js';
export { SqlFilter, keysetListing, type KeysetListing } from './keyset-listing.js';
export { keysetPagesPerParent, type ChildCondition, type ParentPage } from './keyset-pages-per-parent.js';
