import type { Bus } from '@alpes/messaging';
import type { RunningServiceServer } from '@alpes/platform';
import type { SubgraphIdentityVerifier } from '@alpes/security';
import { startService } from '@alpes/service-kit';
import { openConversionesDatabase } from './infrastructure/prisma-client.js';
import { createConversionesContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';
import { mutationResolvers } from './write/mutation-resolvers.js';
import { startConversionesWorkers } from './write/start-conversiones-workers.js';

export interface ConversionesSubgraphOptions {
  databaseUrl: string;
  port: number;
  bus: Bus;
  /** Checks the identity the gateway signs for every request. */
  identity: SubgraphIdentityVerifier;
  /** Run the workers and outbox relay in this process (default true). */
  workers?: boolean;
  onStatement?: (sql: string) => void;
}

/** Starts the conversiones service: the subgraph (schema.graphql + resolvers) and its workers, over its own database. */
export function startConversionesSubgraph(options: ConversionesSubgraphOptions): Promise<RunningServiceServer> {
  return startService({
    service: 'conversiones',
    port: options.port,
    bus: options.bus,
    identity: options.identity,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: { ...readResolvers, ...mutationResolvers },
    createClient: (onStatement) => openConversionesDatabase(options.databaseUrl, onStatement),
    createContext: createConversionesContext,
    startWorkers: (database, bus) => startConversionesWorkers(database.prisma, bus),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
  });
}
