import { startSubgraph, type RunningServiceServer } from '@alpes/platform';
import { createConversionesPrisma } from './infrastructure/prisma-client.js';
import { createConversionesContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';

export interface ConversionesSubgraphOptions {
  databaseUrl: string;
  port: number;
  onStatement?: (sql: string) => void;
}

/** Starts the conversiones subgraph: schema.graphql + resolvers over its own database. */
export async function startConversionesSubgraph(options: ConversionesSubgraphOptions): Promise<RunningServiceServer> {
  const prisma = createConversionesPrisma(options.databaseUrl, options.onStatement);
  return startSubgraph({
    service: 'conversiones',
    port: options.port,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: readResolvers,
    createContext: () => createConversionesContext(prisma),
    readiness: [{ name: 'database', check: async () => void (await prisma.$queryRaw`SELECT 1`) }],
    onClose: () => prisma.$disconnect(),
  });
}
