import { applyMigrations } from './migration-apply.js';
import { assertNoPendingMigrations } from './migration-status.js';
import type { ServiceName } from './services.js';

/** At a service's start: apply pending migrations when asked (MIGRATE_ON_START), otherwise refuse to run on them. */
export async function prepareServiceDatabase(service: ServiceName, config: { databaseUrl: string; migrateOnStart: boolean }): Promise<void> {
  if (config.migrateOnStart) await applyMigrations({ service, url: config.databaseUrl });
  else await assertNoPendingMigrations({ service, url: config.databaseUrl });
}
