import type { Bus } from '@alpes/messaging';
import { startSubgraph, type RunningServiceServer } from '@alpes/platform';
import { createConversionesPrisma } from './infrastructure/prisma-client.js';
import { createConversionesContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';
import { mutationResolvers } from './write/mutation-resolvers.js';
import { startConversionesWorkers } from './write/start-conversiones-workers.js';

export interface ConversionesSubgraphOptions {
  databaseUrl: string;
  port: number;
  bus: Bus;
  /** Run the workers and outbox relay in this process (default true). */
  workers?: boolean;
  onStatement?: (sql: string) => void;
}

/** Starts the conversiones service: the subgraph (schema.graphql + resolvers) and its workers, over its own database. */
export async function startConversionesSubgraph(options: ConversionesSubgraphOptions): Promise<RunningServiceServer> {
  const prisma = createConversionesPrisma(options.databaseUrl, options.onStatement);
  // Workers get their own connection pool: their load never starves queries (and tests count query SQL alone).
  const workerPrisma = options.workers === false ? undefined : createConversionesPrisma(options.databaseUrl);
  const workers = workerPrisma ? await startConversionesWorkers(workerPrisma, options.bus) : undefined;
  return startSubgraph({
    service: 'conversiones',
    port: options.port,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: { ...readResolvers, ...mutationResolvers },
    createContext: () => createConversionesContext(prisma, options.bus),
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
