import type { Bus } from '@alpes/messaging';
import type { RunningServiceServer } from '@alpes/platform';
import type { SubgraphIdentityVerifier } from '@alpes/security';
import { startService } from '@alpes/service-kit';
import { openMarketingDatabase } from './infrastructure/prisma-client.js';
import { createMarketingContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';
import { mutationResolvers } from './write/mutation-resolvers.js';
import { startMarketingWorkers, type RetryPolicy } from './write/start-marketing-workers.js';

export interface MarketingSubgraphOptions {
  databaseUrl: string;
  port: number;
  bus: Bus;
  /** Checks the identity the gateway signs for every request. */
  identity: SubgraphIdentityVerifier;
  /** Run the workers and outbox relay in this process (default true). */
  workers?: boolean;
  onStatement?: (sql: string) => void;
  /** How long the workers retry a message that cannot be applied yet before rejecting it (default 25 × 200 ms). */
  retry?: RetryPolicy;
}

/** Starts the marketing service: the subgraph (schema.graphql + resolvers) and its workers, over its own database. */
export function startMarketingSubgraph(options: MarketingSubgraphOptions): Promise<RunningServiceServer> {
  return startService({
    service: 'marketing',
    port: options.port,
    bus: options.bus,
    identity: options.identity,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: { ...readResolvers, ...mutationResolvers },
    createClient: (onStatement) => openMarketingDatabase(options.databaseUrl, onStatement),
    createContext: createMarketingContext,
    startWorkers: (database, bus) => startMarketingWorkers(database.prisma, bus, options.retry),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
  });
}
