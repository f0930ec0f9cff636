import type { Bus } from '@alpes/messaging';
import { startSubgraph, type RunningServiceServer } from '@alpes/platform';
import { createAfiliadosPrisma } from './infrastructure/prisma-client.js';
import { createAfiliadosContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';
import { mutationResolvers } from './write/mutation-resolvers.js';
import { startAfiliadosWorkers } from './write/start-afiliados-workers.js';

export interface AfiliadosSubgraphOptions {
  databaseUrl: string;
  port: number;
  bus: Bus;
  /** Run the workers and outbox relay in this process (default true). */
  workers?: boolean;
  onStatement?: (sql: string) => void;
}

/** Starts the afiliados service: the subgraph (schema.graphql + resolvers) and its workers, over its own database. */
export async function startAfiliadosSubgraph(options: AfiliadosSubgraphOptions): Promise<RunningServiceServer> {
  const prisma = createAfiliadosPrisma(options.databaseUrl, options.onStatement);
  const workers = options.workers === false ? undefined : await startAfiliadosWorkers(prisma, options.bus);
  return startSubgraph({
    service: 'afiliados',
    port: options.port,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: { ...readResolvers, ...mutationResolvers },
    createContext: () => createAfiliadosContext(prisma, options.bus),
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
