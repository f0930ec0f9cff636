import { env, loadConfig, z } from '../config.js';
import type { RunningServiceServer } from '../http/service-server.js';
import { runUntilSignal } from './run-until-signal.js';

export interface SubgraphProcessConfig {
  port: number;
  databaseUrl: string;
  migrateOnStart: boolean;
}

export interface SubgraphProcessDefinition {
  service: string;
  defaultPort: number;
  /** Refuses pending migrations, or applies them when MIGRATE_ON_START=true. */
  prepareDatabase: (config: SubgraphProcessConfig) => Promise<void>;
  /** Starts the service; whatever it opened (database pools, the bus) closes with the returned server. */
  start: (config: SubgraphProcessConfig) => Promise<RunningServiceServer>;
}

/** A subgraph as its own process: PORT, <SERVICE>_DATABASE_URL and MIGRATE_ON_START validated at start. */
export function runSubgraphProcess(definition: SubgraphProcessDefinition): Promise<void> {
  const databaseVariable = `${definition.service.toUpperCase()}_DATABASE_URL`;
  const schema = z.object({
    PORT: env.port(definition.defaultPort),
    [databaseVariable]: env.postgresUrl(),
    MIGRATE_ON_START: env.boolean(false),
  });
  return runUntilSignal(definition.service, async () => {
    const raw = loadConfig(definition.service, schema) as Record<string, unknown>;
    const config: SubgraphProcessConfig = {
      port: raw.PORT as number,
      databaseUrl: raw[databaseVariable] as string,
      migrateOnStart: raw.MIGRATE_ON_START as boolean,
    };
    await definition.prepareDatabase(config);
    const server = await definition.start(config);
    return { stop: () => server.close() };
  });
}
