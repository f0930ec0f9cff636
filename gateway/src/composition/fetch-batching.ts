import { createBatchingExecutor } from '@graphql-tools/batch-execute';
import { Kind, parse, print, type DocumentNode, type ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { Histogram, type Registry } from 'prom-client';
import { fetchSubgraph } from './subgraph-fetcher.js';
import { untilAborted } from './until-aborted.js';

/** batch-execute's own types (its @graphql-tools/utils, not whichever copy another package brings). */
type Executor = ReturnType<typeof createBatchingExecutor>;
type ExecutionRequest = Parameters<Executor>[0];
type ReadExecutor = (request: ExecutionRequest) => unknown;

export interface FetchBatchingSettings {
  /** Reads merged into one subgraph request at most (SUBGRAPH_BATCH_MAX_SIZE). */
  maxBatchSize: number;
  /** Requests to one subgraph on their way at once; reads arriving meanwhile wait and go together (SUBGRAPH_MAX_IN_FLIGHT). */
  maxInFlight: number;
}

export const DEFAULT_FETCH_BATCHING: FetchBatchingSettings = { maxBatchSize: 16, maxInFlight: 4 };

/** Told the size of every request sent: 1 for a read on its own, n for n merged reads (subgraph_fetch_batch_size). */
export type BatchSizeObserver = (reads: number) => void;

/** One read of an operation's query plan, as it would be sent on its own. */
export interface BatchableRead {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** The signed identity the subgraph sees: reads of different identities never share a request. */
  authorization?: string;
  traceparent?: string;
  /** The operation's deadline: past it this read gives up, whatever its batch does. */
  signal?: AbortSignal;
}

/**
 * The answer to a read that must be sent on its own: it is alone in its batch, or its batch failed as a whole. A value,
 * not a thrown Error: batch-execute hands a batch's outcome to every read, and no stack trace is taken per read.
 */
class SendAlone {
  constructor(readonly release?: () => void) {}
}

const DOCUMENTS_KEPT = 500;
const EXECUTORS_KEPT = 256;

/**
 * Cross-operation batching of one subgraph's reads (Hive Gateway's subgraph batching, @graphql-tools/batch-execute):
 * while `maxInFlight` requests to the subgraph are on their way, the reads of other operations wait, and when a slot
 * frees they go as ONE request (each read's root fields aliased `_v<i>_…`, its variables prefixed). The subgraph then
 * runs one HTTP exchange, one pipeline and, through its DataLoaders, one SQL statement per entity type for all of them,
 * instead of one each. Below `maxInFlight` concurrent reads nothing waits, so an idle gateway adds no latency.
 *
 * Unlike deduplication or a cache, every read is executed by the subgraph at the time it is sent: an answer is never
 * older than the read. Isolation: only reads of the same identity share a request; a batch that fails as a whole
 * (HTTP error, an error without a path, no data) is re-sent read by read, so one operation's bad input never fails
 * another's; each read keeps its own deadline.
 */
export class FetchBatching {
  readonly #documents = new LRUCache<string, DocumentNode>({ max: DOCUMENTS_KEPT });
  readonly #executors = new LRUCache<string, ReadExecutor>({ max: EXECUTORS_KEPT });
  readonly #waiting: (() => void)[] = [];
  #inFlight = 0;
  /** Reads that came through, merged requests sent, reads sent on their own, merged requests that failed (a probe for tests). */
  readonly counts = { reads: 0, mergedRequests: 0, sentAlone: 0, failedBatches: 0 };

  constructor(
    private readonly url: string,
    private readonly settings: FetchBatchingSettings = DEFAULT_FETCH_BATCHING,
    private readonly observeSize: BatchSizeObserver = () => {},
  ) {}

  /**
   * The read's result from a merged request, or whatever `sendAlone` gives when the read goes on its own (alone in its
   * batch, or its batch failed). `sendAlone` is the normal single-request path, with its own error handling.
   */
  async read<R>(read: BatchableRead, sendAlone: () => Promise<R>, fromBatch: (result: ExecutionResult) => R): Promise<R> {
    if (read.signal?.aborted) throw read.signal.reason as Error;
    const request: ExecutionRequest = {
      document: this.#documentOf(read.query),
      variables: read.variables ?? {},
      operationType: 'query' as ExecutionRequest['operationType'],
      ...(read.operationName ? { operationName: read.operationName } : {}),
      ...(read.traceparent ? { extensions: { traceparent: read.traceparent } } : {}),
      ...(read.signal ? { signal: read.signal } : {}),
    };
    let outcome: ExecutionResult | SendAlone;
    try {
      outcome = await untilAborted(this.#executorFor(read.authorization)(request) as Promise<ExecutionResult | SendAlone>, read.signal);
    } catch {
      if (read.signal?.aborted) throw read.signal.reason as Error;
      outcome = new SendAlone(); // batch-execute itself failed (e.g. an answer it could not split)
      this.counts.failedBatches += 1;
    }
    if (outcome instanceof SendAlone) {
      this.counts.sentAlone += 1;
      this.observeSize(1);
      try {
        return await sendAlone();
      } finally {
        outcome.release?.();
      }
    }
    return fromBatch(outcome);
  }

  #documentOf(query: string): DocumentNode {
    let document = this.#documents.get(query);
    if (!document) this.#documents.set(query, (document = parse(query, { noLocation: true })));
    return document;
  }

  #executorFor(authorization: string | undefined): ReadExecutor {
    const key = authorization ?? '';
    let executor = this.#executors.get(key);
    if (!executor) {
      const singles = new WeakSet<ExecutionRequest>();
      const send = ((request: ExecutionRequest) => this.#send(request, authorization, singles)) as Executor;
      const batching = createBatchingExecutor(send, {
        cache: false,
        maxBatchSize: this.settings.maxBatchSize,
        batchScheduleFn: (dispatch) => this.#whenSlotFree(dispatch),
      });
      executor = (request: ExecutionRequest) => {
        this.counts.reads += 1;
        singles.add(request);
        return batching(request);
      };
      this.#executors.set(key, executor);
    }
    return executor;
  }

  /** A read alone in its batch goes the normal way (holding the slot until it is done); merged reads go here. */
  async #send(request: ExecutionRequest, authorization: string | undefined, singles: WeakSet<ExecutionRequest>): Promise<ExecutionResult | SendAlone> {
    if (singles.has(request)) return new SendAlone(() => this.#release());
    try {
      this.counts.mergedRequests += 1;
      this.observeSize(readsIn(request));
      const traceparent = (request.extensions as { traceparent?: string } | undefined)?.traceparent;
      const response = await fetchSubgraph({
        url: this.url,
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
          ...(traceparent ? { traceparent } : {}),
        },
        body: JSON.stringify({ query: print(request.document), variables: request.variables, operationName: request.operationName }),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const result = response.ok ? (JSON.parse(response.body) as ExecutionResult) : undefined;
      if (result?.data && !result.errors?.some((error) => !error.path?.length)) return result;
    } catch {
      // the request failed (network, its signal once every read left): re-sent read by read below
    } finally {
      this.#release();
    }
    this.counts.failedBatches += 1;
    // thrown, so batch-execute gives it to every read of the batch as it is (it would split a returned value as data)
    throw new SendAlone();
  }

  /** DataLoader's batch schedule: at the end of this tick when a slot is free, else when one frees. */
  #whenSlotFree(dispatch: () => void): void {
    if (this.#inFlight < this.settings.maxInFlight) {
      this.#inFlight += 1;
      process.nextTick(dispatch);
    } else this.#waiting.push(dispatch);
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#inFlight -= 1;
  }
}

/** subgraph_fetch_batch_size{subgraph}: the reads each request to a subgraph carried (1: sent on its own). */
export function batchSizeHistogram(registry: Registry): Histogram<'subgraph'> {
  return new Histogram({
    name: 'subgraph_fetch_batch_size',
    help: 'Reads of concurrent operations carried by one request to a subgraph (1: sent on its own; SUBGRAPH_BATCHING)',
    labelNames: ['subgraph'],
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [registry],
  });
}

/** How many reads a merged request carries: its root fields are aliased `_v<index>_…` by batch-execute. */
function readsIn(request: ExecutionRequest): number {
  let reads = 0;
  for (const definition of request.document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      const index = selection.kind === Kind.FIELD ? /^_v(\d+)_/.exec(selection.alias?.value ?? '')?.[1] : undefined;
      if (index !== undefined) reads = Math.max(reads, Number(index) + 1);
    }
  }
  return reads;
}
