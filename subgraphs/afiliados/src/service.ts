import { startSubgraph, type RunningServiceServer } from '@alpes/platform';
import { createAfiliadosPrisma } from './infrastructure/prisma-client.js';
import { createAfiliadosContext } from './read/context.js';
import { readResolvers } from './read/resolvers.js';

export interface AfiliadosSubgraphOptions {
  databaseUrl: string;
  port: number;
  onStatement?: (sql: string) => void;
}

/** Starts the afiliados subgraph: schema.graphql + resolvers over its own database. */
export async function startAfiliadosSubgraph(options: AfiliadosSubgraphOptions): Promise<RunningServiceServer> {
  const prisma = createAfiliadosPrisma(options.databaseUrl, options.onStatement);
  return startSubgraph({
    service: 'afiliados',
    port: options.port,
    schemaFile: new URL('../schema.graphql', import.meta.url),
    resolvers: readResolvers,
    createContext: () => createAfiliadosContext(prisma),
    readiness: [{ name: 'database', check: async () => void (await prisma.$queryRaw`SELECT 1`) }],
    onClose: () => prisma.$disconnect(),
  });
}
