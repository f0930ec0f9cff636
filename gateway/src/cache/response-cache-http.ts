import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type HTTPGraphQLResponse } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { authorizationView } from '@alpes/security';
import type { GatewayContext } from '../plugins/authentication.js';
import type { CacheableOperation, CachedResponse, ResponseCache } from './response-cache.js';

export interface ResponseCacheHttpOptions {
  cache: ResponseCache;
  /** Apollo Server, once started (startServiceServer creates it after the middleware list is given). */
  apollo: () => ApolloServer<GatewayContext> | undefined;
  /** The endpoint's context function (authentication, then the rate limit): run once per request, hit or miss. */
  context: (argument: { req: Request; res: Response }) => Promise<GatewayContext>;
  /** A hit was served (the gateway's operation metrics count it as Apollo's metrics plugin would). */
  served?: (operationName: string | undefined, seconds: number) => void;
}

/**
 * Marks an operation's record as storable once Apollo answered it: a query, with data and without errors. Apollo
 * Server's other plugins have all run by then (limits, field authorization, deadline), so an answer they refused or
 * trimmed has errors and is never stored.
 */
export function responseRecordPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const record = contextValue.responseRecord;
      if (!record) return;
      return {
        async willSendResponse({ operation, operationName, response }) {
          const body = response.body;
          record.operationName = operationName ?? undefined;
          record.query = operation?.operation === 'query';
          record.succeeded = body.kind === 'single' && body.singleResult.data != null && !body.singleResult.errors?.length;
        },
      };
    },
  };
}

/**
 * The response cache's door, last of the /graphql middleware (after the body parser, trusted documents and the
 * variables limit): a POST of one operation by its text is authenticated and rate-limited by the endpoint's own
 * context function, then answered from the cache when its partition, Accept header and operation are there. Otherwise
 * Apollo Server runs it (with the same context: the rate limit counts once) and a storable answer is kept. Anything
 * else (GET, batches, persisted queries, the cache not serving) goes on to Apollo's own middleware untouched.
 */
export function responseCacheMiddleware(options: ResponseCacheHttpOptions): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const apollo = options.apollo();
    const operation = request.method === 'POST' ? cacheableOperation(request.body) : undefined;
    if (!apollo || !operation || !options.cache.serving) return next();
    answer(options, apollo, operation, request, response).catch(next);
  };
}

async function answer(
  options: ResponseCacheHttpOptions,
  apollo: ApolloServer<GatewayContext>,
  operation: CacheableOperation,
  request: Request,
  response: Response,
) {
  const started = process.hrtime.bigint();
  let contextValue: GatewayContext;
  try {
    contextValue = await options.context({ req: request, res: response });
  } catch (error) {
    // Apollo answers a refused context (401 with WWW-Authenticate, 429, 503) as it always does
    await send(response, await runApollo(apollo, request, () => Promise.reject(error)));
    return;
  }
  const { cache } = options;
  const key = cache.keyOf(authorizationView(contextValue.identity), request.headers.accept ?? '', operation);
  const hit = cache.get(key);
  if (hit) {
    sendComplete(response, hit);
    options.served?.(hit.operationName, Number(process.hrtime.bigint() - started) / 1e9);
    return;
  }
  const record = cache.begin();
  const answered = await runApollo(apollo, request, async () => ({ ...contextValue, responseRecord: record }));
  if (answered.body.kind === 'complete') {
    const complete: CachedResponse = { status: answered.status ?? 200, headers: [...answered.headers], body: answered.body.string };
    await cache.store(key, operation, record, complete);
    sendComplete(response, complete);
    return;
  }
  await send(response, answered);
}

/** A plain object with a string `query`, and no `extensions` (automatic persisted queries and the like go to Apollo). */
function cacheableOperation(body: unknown): CacheableOperation | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string' || extensions !== undefined) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return { query, operationName, variables: variables as Record<string, unknown> | null | undefined };
}

/** What @as-integrations/express5 does, with a context of our own: the request as Apollo Server reads it. */
function runApollo(apollo: ApolloServer<GatewayContext>, request: Request, context: () => Promise<GatewayContext>): Promise<HTTPGraphQLResponse> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const query = request.originalUrl.indexOf('?');
  return apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: query === -1 ? '' : request.originalUrl.slice(query), body: request.body },
    context,
  });
}

function sendComplete(response: Response, answer: CachedResponse): void {
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  response.statusCode = answer.status;
  response.send(answer.body);
}

async function send(response: Response, answer: HTTPGraphQLResponse): Promise<void> {
  if (answer.body.kind === 'complete') return sendComplete(response, { status: answer.status ?? 200, headers: [...answer.headers], body: answer.body.string });
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  response.statusCode = answer.status ?? 200;
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
}
