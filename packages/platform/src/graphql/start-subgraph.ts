import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { createLogger } from '../logger.js';
import type { ReadinessCheck } from '../http/readiness.js';
import { startServiceServer, type RunningServiceServer, type ServiceServerOptions } from '../http/service-server.js';
import { DirectExecution, type OperationGuard } from './direct-execution.js';
import { createErrorFormatter } from './format-error.js';
import { createSubgraphApollo, includeStacktraceInErrorResponses, loadSubgraphSchema, SUBGRAPH_RESPONSE_HEADERS, type GraphQLResolverMap } from './subgraph.js';

export interface SubgraphDefinition<Context extends BaseContext> {
  service: string;
  port: number;
  schemaFile: URL;
  resolvers: GraphQLResolverMap<Context>;
  /** A fresh context per request (its DataLoaders batch only within that request); it may refuse the request by throwing. */
  createContext: (request: IncomingMessage) => Context | Promise<Context>;
  /** Checks once the operation is resolved, before execution (e.g. the authorization guard); a throw refuses the request. */
  guards?: OperationGuard<Context>[];
  /**
   * Apollo plugins besides the platform's. With any, every request goes through Apollo's pipeline (the direct
   * execution path does not run plugin hooks).
   */
  plugins?: ApolloServerPlugin<Context>[];
  readiness: ReadinessCheck[];
  /** Extra routes mounted before /graphql (e.g. /metrics, /status). */
  configure?: ServiceServerOptions<Context>['configure'];
  /** Releases what the subgraph holds (bus consumers and relay first, then database pools) after the HTTP server closed. */
  onClose?: () => Promise<void>;
}

/** Every subgraph starts the same way: SDL file + resolvers, GET /health, GET /ready, POST /graphql. */
export async function startSubgraph<Context extends BaseContext>(definition: SubgraphDefinition<Context>): Promise<RunningServiceServer> {
  const logger = createLogger(definition.service);
  const schema = loadSubgraphSchema(definition.schemaFile, definition.resolvers);
  const formatError = createErrorFormatter(definition.service, logger);
  const direct = new DirectExecution<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: includeStacktraceInErrorResponses(),
    guards: definition.guards ?? [],
    responseHeaders: SUBGRAPH_RESPONSE_HEADERS,
  });
  const directPath = (definition.plugins ?? []).length === 0;
  const plugins = [direct.guardPlugin(), ...(directPath ? [direct.recordingPlugin()] : []), ...(definition.plugins ?? [])];
  const server = await startServiceServer<Context>({
    name: definition.service,
    port: definition.port,
    logger,
    createApollo: (httpServer) => createSubgraphApollo<Context>({ service: definition.service, schema, httpServer, logger, plugins, formatError }),
    context: async ({ req }) => definition.createContext(req),
    // the gateway's fetches (plain JSON POSTs) skip express: node:http straight to Apollo (graphql-post.ts), and the
    // query texts Apollo has validated once are executed by graphql-js directly (direct-execution.ts)
    leanGraphQLPost: { context: async (request) => definition.createContext(request), ...(directPath ? { direct } : {}) },
    readiness: definition.readiness,
    ...(definition.configure ? { configure: definition.configure } : {}),
  });
  let closing: Promise<void> | undefined;
  return {
    ...server,
    // HTTP first (no new connections, /ready 503, in-flight requests finish), then what the subgraph holds: its
    // workers finish and ack their in-flight messages, the relay its batch, then the pools close. Then the caller's bus.
    close() {
      closing ??= (async () => {
        try {
          await server.close();
        } finally {
          await definition.onClose?.();
        }
      })();
      return closing;
    },
  };
}
