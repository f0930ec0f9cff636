import type { Bus } from '@alpes/messaging';
import { startSubgraph, type RunningServiceServer } from '@alpes/platform';
import { createMarketingPrisma } from './infrastructure/prisma-client.js';
import { createMarketingContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';
import { mutationResolvers } from './write/mutation-resolvers.js';
import { startMarketingWorkers } from './write/start-marketing-workers.js';

export interface MarketingSubgraphOptions {
  databaseUrl: string;
  port: number;
  bus: Bus;
  /** Run the workers and outbox relay in this process (default true). */
  workers?: boolean;
  onStatement?: (sql: string) => void;
}

/** Starts the marketing service: the subgraph (schema.graphql + resolvers) and its workers, over its own database. */
export async function startMarketingSubgraph(options: MarketingSubgraphOptions): Promise<RunningServiceServer> {
  const prisma = createMarketingPrisma(options.databaseUrl, options.onStatement);
  // Workers get their own connection pool: their load never starves queries (and tests count query SQL alone).
  const workerPrisma = options.workers === false ? undefined : createMarketingPrisma(options.databaseUrl);
  const workers = workerPrisma ? await startMarketingWorkers(workerPrisma, options.bus) : undefined;
  return startSubgraph({
    service: 'marketing',
    port: options.port,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: { ...readResolvers, ...mutationResolvers },
    createContext: () => createMarketingContext(prisma, options.bus),
    readiness: [
      { name: 'database', check: async () => void (await prisma.$queryRaw`SELECT 1`) },
      { name: 'bus', check: async () => { if (!options.bus.isConnected()) throw new Error('message bus not connected'); } },
    ],
    onClose: async () => {
      await workers?.stop();
      await workerPrisma?.$disconnect();
      await prisma.$disconnect();
    },
  });
}
