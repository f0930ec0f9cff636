import type { Bus } from '@alpes/messaging';
import type { RunningServiceServer } from '@alpes/platform';
import type { SubgraphIdentityVerifier } from '@alpes/security';
import { startService } from '@alpes/service-kit';
import { openAfiliadosDatabase } from './infrastructure/prisma-client.js';
import { createAfiliadosContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';
import { mutationResolvers } from './write/mutation-resolvers.js';
import { startAfiliadosWorkers } from './write/start-afiliados-workers.js';

export interface AfiliadosSubgraphOptions {
  databaseUrl: string;
  port: number;
  bus: Bus;
  /** Checks the identity the gateway signs for every request. */
  identity: SubgraphIdentityVerifier;
  /** Run the workers and outbox relay in this process (default true). */
  workers?: boolean;
  onStatement?: (sql: string) => void;
}

/** Starts the afiliados service: the subgraph (schema.graphql + resolvers) and its workers, over its own database. */
export function startAfiliadosSubgraph(options: AfiliadosSubgraphOptions): Promise<RunningServiceServer> {
  return startService({
    service: 'afiliados',
    port: options.port,
    bus: options.bus,
    identity: options.identity,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: { ...readResolvers, ...mutationResolvers },
    createClient: (onStatement) => openAfiliadosDatabase(options.databaseUrl, onStatement),
    createContext: createAfiliadosContext,
    startWorkers: (database, bus) => startAfiliadosWorkers(database.prisma, bus),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
  });
}
