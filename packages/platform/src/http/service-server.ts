import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext, ContextFunction } from '@apollo/server';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Logger } from '../logger.js';
import { runReadinessChecks, type ReadinessCheck } from './readiness.js';

export interface ServiceServerOptions<Context extends BaseContext> {
  name: string;
  port: number;
  host?: string;
  /** Build the ApolloServer once the HTTP server exists (plugins such as drain need it). */
  createApollo: (httpServer: Server) => ApolloServer<Context>;
  context: ContextFunction<[ExpressContextFunctionArgument], Context>;
  readiness: ReadinessCheck[];
  logger: Logger;
  /** Extra routes mounted before /graphql (e.g. the playground). */
  configure?: (app: Express) => void;
}

export interface RunningServiceServer {
  url: string;
  port: number;
  httpServer: Server;
  close(): Promise<void>;
}

/** An HTTP service: GET /health (alive), GET /ready (dependencies answer), POST /graphql. */
export async function startServiceServer<Context extends BaseContext>(
  options: ServiceServerOptions<Context>,
): Promise<RunningServiceServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = options.createApollo(httpServer);
  await apollo.start();

  app.get('/health', (_request, response) => {
    response.json({ status: 'alive', service: options.name });
  });
  app.get('/ready', async (_request, response) => {
    const report = await runReadinessChecks(options.readiness);
    response.status(report.ready ? 200 : 503).json({ service: options.name, ...report });
  });
  options.configure?.(app);
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: options.context }));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://localhost:${port}/graphql`;
  options.logger.info({ url }, `${options.name} listening`);

  return {
    url,
    port,
    httpServer,
    async close() {
      await apollo.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
