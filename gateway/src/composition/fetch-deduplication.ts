import type { SubgraphRequest, SubgraphResponse } from './subgraph-fetcher.js';
import { untilAborted } from './until-aborted.js';

interface SharedFetch {
  response: Promise<SubgraphResponse>;
  /** Aborts the one fetch when every request waiting on it has given up (its own deadline passed). */
  controller: AbortController;
  waiting: number;
}

/**
 * In-flight deduplication of subgraph reads (SUBGRAPH_DEDUP=on; Apollo Router's `traffic_shaping.deduplicate_query`,
 * Hive Gateway's request deduplication): while a fetch is on its way, an identical one (same subgraph URL, same
 * headers, hence the same signed identity, and the same body: query and variables) waits for its answer instead of
 * sending its own. Only reads of query operations come here; mutations never do. Each waiter gets the body as text
 * and parses its own copy, so no two operations share (and merge into) the same objects.
 *
 * The trade-off, why it is off by default: a query that starts while an identical read is in flight gets that read's
 * answer, which may predate a write that finished in between (read-your-writes then holds only once the in-flight
 * read has ended).
 */
export class FetchDeduplication {
  readonly #inFlight = new Map<string, SharedFetch>();

  constructor(private readonly fetcher: (request: SubgraphRequest) => Promise<SubgraphResponse>) {}

  /** Fetches currently shared (a probe for tests and /status). */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  fetch(request: SubgraphRequest): Promise<SubgraphResponse> {
    if (request.signal?.aborted) return Promise.reject(request.signal.reason as Error);
    const key = keyOf(request);
    let shared = this.#inFlight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const started: SharedFetch = {
        controller,
        waiting: 0,
        response: this.fetcher({ ...request, signal: controller.signal }).finally(() => {
          if (this.#inFlight.get(key) === started) this.#inFlight.delete(key);
        }),
      };
      this.#inFlight.set(key, started);
      shared = started;
    }
    shared.waiting += 1;
    return waitFor(shared, request.signal);
  }
}

/** Trace context differs per operation and says nothing about the answer (a read with a span of its own never comes here). */
const NOT_IN_KEY = new Set(['traceparent', 'tracestate']);

function keyOf({ url, headers, body }: SubgraphRequest): string {
  let key = url;
  for (const name of Object.keys(headers).sort()) if (!NOT_IN_KEY.has(name.toLowerCase())) key += `\n${name.toLowerCase()}: ${headers[name]}`;
  return `${key}\n\n${body}`;
}

/** The shared answer, or this request's own abort (its deadline) if that comes first. */
function waitFor(shared: SharedFetch, signal: AbortSignal | undefined): Promise<SubgraphResponse> {
  return untilAborted(shared.response, signal, () => {
    shared.waiting -= 1;
    if (shared.waiting === 0) shared.controller.abort();
  });
}
