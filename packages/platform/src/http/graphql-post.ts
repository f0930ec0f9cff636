import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { traceGraphQLRequests } from '@alpes/tracing';
import type { Request, Response } from 'express';
import type { DirectExecution } from '../graphql/direct-execution.js';

/** The largest JSON body /graphql accepts (express.json's limit); a larger one is HTTP 413 PAYLOAD_TOO_LARGE. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export function payloadTooLarge(size: number | undefined) {
  return {
    errors: [
      {
        message: `The request body is larger than the limit of ${MAX_REQUEST_BODY_BYTES} bytes`,
        extensions: { code: 'PAYLOAD_TOO_LARGE', size, limit: MAX_REQUEST_BODY_BYTES },
      },
    ],
  };
}

export const INVALID_JSON = { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] };

/**
 * Whether the lean path takes this request: a POST to /graphql with a plain JSON body (no content encoding, UTF-8),
 * which is every request a gateway sends. Anything else (another charset, a compressed body, a GET) goes through
 * express, whose body parser and error handlers answer it as before.
 */
export function isPlainGraphQLPost(request: IncomingMessage): boolean {
  if (request.method !== 'POST') return false;
  const url = request.url ?? '';
  if (url !== '/graphql' && !url.startsWith('/graphql?')) return false;
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  return /^application\/json\s*(;\s*charset=utf-8\s*)?$/.test(type);
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

/** The body as express.json (strict) reads it: an object or an array, `{}` when empty; undefined when it is not JSON. */
function parseJsonBody(text: string): { value: unknown } | undefined {
  const start = /\S/.exec(text);
  if (!start) return { value: {} };
  if (start[0] !== '{' && start[0] !== '[') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

export interface LeanGraphQLPostOptions<Context extends BaseContext> {
  context: (request: IncomingMessage, response: ServerResponse) => Promise<Context>;
  /**
   * The lean twin of express's graphqlMiddleware: a parsed body it answers (HTTP 400 with the returned GraphQL errors,
   * e.g. variables nested too deep) never reaches Apollo.
   */
  rejectBody?: (body: unknown) => object | undefined;
  /** True when this request must take express's route instead (a step only express's chain has applies to it). */
  viaExpress?: (request: IncomingMessage) => boolean;
  /** Executes the requests it can answer as Apollo would without Apollo's pipeline; the others still reach Apollo. */
  direct?: DirectExecution<Context>;
}

/**
 * POST /graphql on node:http alone: the body read with the same limit and the same error answers as express.json +
 * bodyErrorsAsGraphQL, the request's trace span (traceGraphQLRequests), then Apollo Server's
 * `executeHTTPGraphQLRequest` (its context function may refuse the request, e.g. HTTP 401 without a signed identity)
 * and its answer written as is. No router, no body-parser, no express request/response wrappers on the hot path.
 */
export function createGraphQLPostHandler<Context extends BaseContext>(
  options: LeanGraphQLPostOptions<Context> & { name: string; apollo: ApolloServer<Context>; isShuttingDown: () => boolean },
): (request: IncomingMessage, response: ServerResponse) => void {
  const trace = traceGraphQLRequests(options.name);
  const execute = async (request: IncomingMessage, response: ServerResponse, body: unknown) => {
    let context = () => options.context(request, response);
    // once shutting down, Apollo answers everything (it knows when it has stopped)
    const prepared = options.isShuttingDown() ? undefined : options.direct?.prepare(body, request.headers.accept);
    if (prepared) {
      let contextValue: Context;
      try {
        contextValue = await options.context(request, response);
      } catch (error) {
        // Apollo answers a refused context (e.g. 401 without a signed identity) with its own shape
        return viaApollo(request, response, body, () => Promise.reject(error));
      }
      const answer = await options.direct!.execute(prepared, contextValue);
      if (answer) {
        // headers set one by one, not writeHead: end() then knows the length (Content-Length, as Apollo's path sends)
        for (const name in answer.headers) response.setHeader(name, answer.headers[name]!);
        response.statusCode = answer.status;
        response.end(answer.body);
        return;
      }
      context = () => Promise.resolve(contextValue); // refused before execution: Apollo answers with the same context
    }
    return viaApollo(request, response, body, context);
  };
  const viaApollo = async (request: IncomingMessage, response: ServerResponse, body: unknown, context: () => Promise<Context>) => {
    const url = request.url ?? '';
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: 'POST',
      headers: headerMapOf(request),
      search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
      body,
    };
    const result = await options.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
  return (request, response) => {
    const declared = Number(request.headers['content-length']);
    if (declared > MAX_REQUEST_BODY_BYTES) {
      // Read the body off and answer once it has arrived, as body-parser does: answering earlier lets the server close
      // the socket while the client is still writing, and the client sees EPIPE instead of the 413.
      request.resume();
      request.once('end', () => sendJson(response, 413, payloadTooLarge(declared)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk);
    });
    request.once('end', () => {
      if (size > MAX_REQUEST_BODY_BYTES) return sendJson(response, 413, payloadTooLarge(size));
      const parsed = parseJsonBody(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
      if (!parsed) return sendJson(response, 400, INVALID_JSON);
      const rejection = options.rejectBody?.(parsed.value);
      if (rejection) return sendJson(response, 400, rejection);
      (request as IncomingMessage & { body?: unknown }).body = parsed.value;
      // traceGraphQLRequests reads only the body, method and headers and listens for the response's close
      trace(request as Request, response as Response, () => {
        execute(request, response, parsed.value).catch((error: unknown) => {
          if (response.headersSent) response.destroy(error instanceof Error ? error : undefined);
          else sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        });
      });
    });
  };
}
