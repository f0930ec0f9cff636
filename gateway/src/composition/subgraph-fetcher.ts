import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { whenAborted } from './until-aborted.js';

/**
 * What the gateway needs of a subgraph's answer: the status, the headers and the body as text. RemoteGraphQLDataSource's
 * error path (errorFromResponse) reads `url`, `status`, `statusText`, `headers.get` and `json()`/`text()`.
 */
export interface SubgraphResponse {
  url: string;
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** The body, read at once (Buffers joined once, no web streams). */
  body: string;
}

export interface SubgraphRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

/**
 * Keep-alive pools, one per protocol: a connection to a subgraph is reused by the next fetch instead of a TCP handshake
 * per fetch. Node's fetch (undici) pools too, but its web streams, Request/Response objects and header guards cost
 * ~3× more CPU per fetch on the gateway's path (bench/README-perf.md, "lean fetcher"). Idle sockets follow the
 * server's `Keep-Alive: timeout` hint, so a socket the subgraph is about to close is not picked up.
 */
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' }),
  'https:': new HttpsAgent({ keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' }),
} as const;

/**
 * A socket silent this long fails the fetch, as Node's fetch did (undici's 300 s headers and body timeouts). Operations
 * have their deadline (REQUEST_TIMEOUT_MS) well before; this bounds what has none (schema loading, probes).
 */
const SILENT_SOCKET_TIMEOUT_MS = 300_000;

const headerOf = (headers: IncomingHttpHeaders) => (name: string) => {
  const value = headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
};

/**
 * A pooled socket the subgraph closed while idle (its keep-alive timeout) fails the next request written on it before
 * any byte of an answer: ECONNRESET, EPIPE or "socket hang up" on a reused socket. The server never read that request
 * (a server that is closing a connection refuses what arrives on it; see the platform's service server), so sending it
 * again on a fresh connection is safe, for a mutation too. Under CPU load the idle timers fire late on both sides and
 * this race is common: without the retry it surfaced as UNAVAILABLE for a healthy subgraph.
 */
const STALE_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const MAX_STALE_SOCKET_RETRIES = 2;

/** One POST to a subgraph on a pooled keep-alive connection; the body is read whole as text. */
export async function fetchSubgraph(request: SubgraphRequest): Promise<SubgraphResponse> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await postOnce(request);
    } catch (error) {
      if (!(error instanceof StaleSocketError) || attempt >= MAX_STALE_SOCKET_RETRIES || request.signal?.aborted)
        throw error instanceof StaleSocketError ? error.cause : error;
    }
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: unknown) {
    super('a reused keep-alive socket was closed by the subgraph before it answered');
  }
}

/** Where a subgraph URL points, parsed once per URL (not once per fetch). */
interface Target {
  https: boolean;
  host: string;
  options: { protocol: string; hostname: string; port: string; path: string; servername?: string };
}
const targets = new Map<string, Target>();

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
    target = {
      https: parsed.protocol === 'https:',
      host: parsed.host,
      options: {
        protocol: parsed.protocol,
        hostname,
        port: parsed.port,
        path: `${parsed.pathname}${parsed.search}`,
        // plain HTTP has no TLS server name: without one given, the agent derives it from the Host header per request
        ...(parsed.protocol === 'https:' ? {} : { servername: '' }),
      },
    };
    if (targets.size < 256) targets.set(url, target);
  }
  return target;
}

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError', code: 'ABORT_ERR' });
}

/**
 * One POST. With a signal (an operation's deadline, a shared fetch's or a batch's), its abort destroys the request; a
 * listener of our own, not http.request's `signal` option, whose stream plumbing (addAbortSignal, end-of-stream)
 * costs several listeners per fetch. Without one (schema loading, probes), a silent socket fails it after 300 s.
 */
function postOnce({ url, headers, body, signal }: SubgraphRequest): Promise<SubgraphResponse> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let answered = false;
    const target = targetOf(url);
    const send = target.https ? httpsRequest : httpRequest;
    let forget: (() => void) | undefined;
    const settle =
      <T>(finish: (value: T) => void) =>
      (value: T) => {
        forget?.();
        finish(value);
      };
    const fail = settle(reject);
    // rejected at once (a response being read may never report the destroyed socket)
    const onAbort = signal
      ? () => {
          fail(abortError(signal));
          outgoing.destroy();
        }
      : undefined;
    const outgoing = send(
      {
        ...target.options,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        agent: target.https ? agents['https:'] : agents['http:'],
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
          const status = response.statusCode ?? 0;
          settle(resolve)({
            url,
            ok: status >= 200 && status < 300,
            status,
            statusText: response.statusMessage ?? '',
            headers: { get: headerOf(response.headers) },
            body: text,
            text: async () => text,
            json: async () => JSON.parse(text) as unknown,
          });
        });
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const stale = outgoing.reusedSocket && !answered && (STALE_SOCKET_ERRORS.has(error.code ?? '') || error.message === 'socket hang up');
      fail(stale ? new StaleSocketError(error) : error);
    });
    if (onAbort) forget = whenAborted(signal!, onAbort);
    else outgoing.setTimeout(SILENT_SOCKET_TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer from ${target.host} for ${SILENT_SOCKET_TIMEOUT_MS} ms`)));
    outgoing.end(body);
  });
}
