import { startSubgraph, type RunningServiceServer } from '@alpes/platform';
import { createMarketingPrisma } from './infrastructure/prisma-client.js';
import { createMarketingContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';

export interface MarketingSubgraphOptions {
  databaseUrl: string;
  port: number;
  onStatement?: (sql: string) => void;
}

/** Starts the marketing subgraph: schema.graphql + resolvers over its own database. */
export async function startMarketingSubgraph(options: MarketingSubgraphOptions): Promise<RunningServiceServer> {
  const prisma = createMarketingPrisma(options.databaseUrl, options.onStatement);
  return startSubgraph({
    service: 'marketing',
    port: options.port,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: readResolvers,
    createContext: () => createMarketingContext(prisma),
    readiness: [{ name: 'database', check: async () => void (await prisma.$queryRaw`SELECT 1`) }],
    onClose: () => prisma.$disconnect(),
  });
}
