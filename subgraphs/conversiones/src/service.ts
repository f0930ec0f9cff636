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
  const workers = options.workers === false ? undefined : await startConversionesWorkers(prisma, options.bus);
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
      await prisma.$disconnect();
    },
  });
}
