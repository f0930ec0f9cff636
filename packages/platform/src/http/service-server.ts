import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApolloServer, BaseContext, ContextFunction } from '@apollo/server';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import { traceGraphQLRequests } from '@alpes/tracing';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import {
  createGraphQLPostHandler,
  INVALID_JSON,
  isPlainGraphQLPost,
  MAX_REQUEST_BODY_BYTES,
  payloadTooLarge,
  type LeanGraphQLPostOptions,
} from './graphql-post.js';
import { runReadinessChecks, type ReadinessCheck } from './readiness.js';

export { MAX_REQUEST_BODY_BYTES, type LeanGraphQLPostOptions } from './graphql-post.js';

const KEEP_ALIVE_TIMEOUT_MS = 61_000;

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
  /** Checks run on /graphql after the JSON body is parsed, before Apollo (e.g. the variables' nesting limit). */
  graphqlMiddleware?: RequestHandler[];
  /**
   * Serve a plain JSON POST /graphql without express (graphql-post.ts: node:http straight to Apollo's
   * executeHTTPGraphQLRequest; same body limit, error answers, tracing and shutdown behaviour). Other requests, and
   * those `viaExpress` picks, still go through express and its graphqlMiddleware.
   */
  leanGraphQLPost?: LeanGraphQLPostOptions<Context>;
}

export interface RunningServiceServer {
  url: string;
  port: number;
  httpServer: Server;
  /**
   * First step of shutdown, synchronous and idempotent: /ready answers 503 from now on (a load balancer stops
   * routing here) and the listener closes (no new HTTP or websocket connection); open connections stay served.
   */
  stopAccepting(): void;
  /** True once stopAccepting() (or close()) was called. */
  isShuttingDown(): boolean;
  /** stopAccepting(), then in-flight requests finish (Apollo's drain, bounded), then Apollo stops and every connection is closed. */
  close(): Promise<void>;
}

/** An HTTP service: GET /health (alive), GET /ready (dependencies answer; 503 once shutting down), POST /graphql. */
export async function startServiceServer<Context extends BaseContext>(options: ServiceServerOptions<Context>): Promise<RunningServiceServer> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on res.send: a GraphQL answer is not revalidated, and hashing every response body costs CPU on every request
  // (~0.1 ms on a README query; static files keep their own ETags from serve-static)
  app.set('etag', false);
  let leanPost: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const httpServer = createServer((request, response) => {
    if (leanPost && isPlainGraphQLPost(request) && !options.leanGraphQLPost?.viaExpress?.(request)) {
      if (admitted(request, response)) leanPost(request, response);
    } else app(request, response);
  });
  // Idle keep-alive connections stay open a minute (Node's default is 5 s): the gateway's pooled connections to a
  // subgraph are then rarely closed under it (a request written as the server closes fails; the gateway retries it).
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const apollo = options.createApollo(httpServer);
  await apollo.start();
  let shuttingDown = false;
  if (options.leanGraphQLPost)
    leanPost = createGraphQLPostHandler({ name: options.name, apollo, ...options.leanGraphQLPost, isShuttingDown: () => shuttingDown });
  // Responses not finished yet, per connection, in request order (HTTP/1.1 answers a connection's requests in order).
  const outstanding = new Map<Socket, ServerResponse[]>();
  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    outstanding.set(socket, [...(outstanding.get(socket) ?? []), response]);
    response.once('close', () => {
      const left = (outstanding.get(socket) ?? []).filter((other) => other !== response);
      if (left.length > 0) outstanding.set(socket, left);
      else outstanding.delete(socket);
    });
  });
  const closesConnection = (response: ServerResponse) => /close/i.test(String(response.getHeader('connection') ?? ''));

  // During shutdown the last answer on each connection says `Connection: close`, so a keep-alive client (the gateway's
  // fetch) sends no further request on a connection the server is about to end. A request that still arrives on a
  // connection being ended is dropped unprocessed: it could not be answered (a mutation would run while its client
  // saw an error, and a retry would run it twice).
  function admitted(request: IncomingMessage, response: ServerResponse): boolean {
    if (!shuttingDown) return true;
    const socket = request.socket;
    const earlier = (outstanding.get(socket) ?? []).filter((other) => other !== response);
    if (socket.writableEnded || socket.destroyed || earlier.some((other) => other.headersSent && closesConnection(other))) {
      if (earlier.length === 0) socket.destroy();
      return false; // not processed; the connection closes after the answers already under way
    }
    for (const other of earlier) if (!other.headersSent) other.removeHeader('connection');
    response.setHeader('connection', 'close');
    return true;
  }
  app.use((request, response, next) => {
    if (admitted(request, response)) next();
  });

  app.get('/health', (_request, response) => {
    response.json({ status: 'alive', service: options.name });
  });
  app.get('/ready', async (_request, response) => {
    if (shuttingDown) {
      response.status(503).json({ service: options.name, ready: false, checks: { shutdown: 'shutting down' } });
      return;
    }
    const report = await runReadinessChecks(options.readiness);
    const ready = report.ready && !shuttingDown;
    response.status(ready ? 200 : 503).json({ service: options.name, ...report, ready });
  });
  options.configure?.(app);
  app.use(
    '/graphql',
    express.json({ limit: MAX_REQUEST_BODY_BYTES }),
    traceGraphQLRequests(options.name),
    ...(options.graphqlMiddleware ?? []),
    expressMiddleware(apollo, { context: options.context }),
  );
  app.use('/graphql', bodyErrorsAsGraphQL);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://localhost:${port}/graphql`;
  options.logger.info({ url }, `${options.name} listening`);

  // Resolves once the listener is closed and the last connection has ended.
  const closed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
  const stopAccepting = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    options.logger.info(`${options.name}: shutting down; /ready answers 503, no new connections`);
    for (const responses of outstanding.values()) {
      const last = responses.at(-1);
      if (last && !last.headersSent) last.setHeader('connection', 'close');
    }
    // Stops listening at once; idle keep-alive connections are closed, busy ones finish their request.
    if (httpServer.listening) httpServer.close();
  };
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    httpServer,
    stopAccepting,
    isShuttingDown: () => shuttingDown,
    close() {
      closing ??= (async () => {
        stopAccepting();
        // Apollo's drain plugin lets in-flight requests finish (ending their connections afterwards, cutting them
        // after its grace period), then Apollo stops executing operations.
        await apollo.stop();
        await closed;
      })();
      return closing;
    },
  };
}

/**
 * A body the JSON parser refuses gets a GraphQL-shaped answer with a code, not express's HTML error page (which shows
 * a stack trace outside production): too large is 413 PAYLOAD_TOO_LARGE (with its size and the limit), malformed
 * JSON or an unsupported charset is 400 BAD_REQUEST.
 */
const bodyErrorsAsGraphQL: ErrorRequestHandler = (error: { type?: unknown; status?: unknown; length?: unknown; limit?: unknown }, _request, response, next) => {
  if (response.headersSent || typeof error.type !== 'string') return next(error);
  if (error.type === 'entity.too.large') {
    response.status(413).json(payloadTooLarge(typeof error.length === 'number' ? error.length : undefined));
    return;
  }
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 400;
  if (error.type === 'entity.parse.failed') {
    response.status(status).json(INVALID_JSON);
    return;
  }
  response
    .status(status)
    .json({ errors: [{ message: 'The request body cannot be read (unsupported encoding or charset)', extensions: { code: 'BAD_REQUEST' } }] });
};
