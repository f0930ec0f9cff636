import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { tracingActive } from '@alpes/observability';
import { MAX_REQUEST_BODY_BYTES } from '@alpes/platform';
import type { GatewayContext } from './plugins/authentication.js';
import { variablesDepthRejection } from './plugins/variables-limit.js';

/** What a lean POST /graphql needs of the gateway: the same Apollo Server and context function express's route uses. */
export interface LeanGraphQLPostOptions {
  apollo: ApolloServer<GatewayContext>;
  context: (argument: { req: IncomingMessage; res: ServerResponse }) => Promise<GatewayContext>;
  maxVariablesDepth: number;
  /**
   * True while a request must take express's route instead: a step only express's chain has is on (trusted documents,
   * the response cache, CORS for a request with an Origin) or the server is shutting down (its `Connection: close`).
   */
  needsExpress: (request: IncomingMessage) => boolean;
}

const JSON_CONTENT_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/**
 * The common POST /graphql (a JSON body with its length, no tracing) served straight from node:http into Apollo Server's
 * `executeHTTPGraphQLRequest`, without express's router, body parser and integration (~0.5 ms of CPU per request on
 * the README query; bench/README-perf.md). Every step of express's route that matters here is kept: the body limit
 * (a larger or unsized body takes express's route, which answers 413), malformed JSON is 400 BAD_REQUEST, the
 * variables' nesting limit, then Apollo with the same context function (authentication, rate limit), plugins and
 * error shaping. Anything else (GET, other paths, other content types, tracing on, trusted documents, the response
 * cache, CORS, shutdown) goes to express as before.
 */
export function serveLeanGraphQLPosts(httpServer: Server, options: LeanGraphQLPostOptions): void {
  // the first listener is express's app (createServer(app)); the platform's in-flight bookkeeping stays after this one
  const [express] = httpServer.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  if (!express) throw new Error('the HTTP server has no request handler to put the lean POST /graphql in front of');
  httpServer.removeListener('request', express);
  httpServer.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (isLeanPost(request) && !options.needsExpress(request)) readBody(request, response, options);
    else express(request, response);
  });
}

function isLeanPost(request: IncomingMessage): boolean {
  if (request.method !== 'POST' || request.url !== '/graphql' || tracingActive()) return false;
  const { 'content-type': contentType, 'content-length': contentLength, 'content-encoding': encoding, 'transfer-encoding': transfer } = request.headers;
  if (encoding !== undefined || transfer !== undefined || contentType === undefined || !JSON_CONTENT_TYPES.has(contentType.toLowerCase())) return false;
  const length = Number(contentLength);
  return Number.isInteger(length) && length > 0 && length <= MAX_REQUEST_BODY_BYTES;
}

function readBody(request: IncomingMessage, response: ServerResponse, options: LeanGraphQLPostOptions): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('error', () => response.destroy());
  request.on('end', () => {
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // express.json is strict: only an object or an array is a body
    if (typeof body !== 'object' || body === null) {
      writeJson(response, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    const variables = Array.isArray(body) ? undefined : (body as { variables?: unknown }).variables;
    const tooDeep = variablesDepthRejection(variables, options.maxVariablesDepth);
    if (tooDeep) {
      writeJson(response, 400, tooDeep);
      return;
    }
    execute(request, response, body, options).catch((error: unknown) => {
      if (!response.headersSent) writeJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.destroy(error as Error);
    });
  });
}

async function execute(request: IncomingMessage, response: ServerResponse, body: object, options: LeanGraphQLPostOptions): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const answer = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body },
    context: () => options.context({ req: request, res: response }),
  });
  for (const [key, value] of answer.headers) response.setHeader(key, value);
  response.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    response.setHeader('content-length', Buffer.byteLength(answer.body.string));
    response.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(text));
  response.end(text);
}
