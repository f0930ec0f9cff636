import type { RunningServiceServer } from '../http/service-server.js';
import { databaseUrlVariable, loadProcessConfig, subgraphProcessConfigSchema } from './process-config.js';
import { runUntilSignal } from './run-until-signal.js';

export interface SubgraphProcessConfig {
  port: number;
  databaseUrl: string;
  migrateOnStart: boolean;
  shutdownTimeoutMs: number;
}

export interface SubgraphProcessDefinition {
  service: string;
  defaultPort: number;
  /**
   * Problems of the rest of the environment (e.g. busConfigFromEnv(env).problems), reported together with the
   * process's own in one message before anything starts.
   */
  checkEnvironment?: (environment: NodeJS.ProcessEnv) => readonly string[];
  /** Refuses pending migrations, or applies them when MIGRATE_ON_START=true. */
  prepareDatabase: (config: SubgraphProcessConfig) => Promise<void>;
  /**
   * Starts the service; whatever it opened (database pools, the bus) closes with the returned server, in order:
   * HTTP stops accepting and drains, then workers finish their in-flight messages, then pools, then the bus.
   */
  start: (config: SubgraphProcessConfig) => Promise<RunningServiceServer>;
}

/** A subgraph as its own process: PORT, <SERVICE>_DATABASE_URL, MIGRATE_ON_START and SHUTDOWN_TIMEOUT_MS validated at start. */
export function runSubgraphProcess(definition: SubgraphProcessDefinition): Promise<void> {
  const databaseVariable = databaseUrlVariable(definition.service);
  const schema = subgraphProcessConfigSchema(definition.service, definition.defaultPort);
  return runUntilSignal(definition.service, async () => {
    const raw = loadProcessConfig(definition.service, schema, definition.checkEnvironment?.(process.env) ?? []) as Record<string, unknown>;
    const config: SubgraphProcessConfig = {
      port: raw.PORT as number,
      databaseUrl: raw[databaseVariable] as string,
      migrateOnStart: raw.MIGRATE_ON_START as boolean,
      shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS as number,
    };
    await definition.prepareDatabase(config);
    const server = await definition.start(config);
    return { stop: () => server.close(), shutdownTimeoutMs: config.shutdownTimeoutMs };
  });
}
