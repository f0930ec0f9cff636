import DataLoader from 'dataloader';
import { parse, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { Counter, Histogram, type Registry } from 'prom-client';
import { distinctReads, MergedQueries, prefixedVariables, splitMerged, type AnswerError, type SplitAnswer } from './merged-reads.js';
import { fetchSubgraph } from './subgraph-fetcher.js';
import { untilAborted, whenAborted } from './until-aborted.js';

/** A read waiting for its batch: its parsed document and what it was asked with. */
interface PendingRead {
  document: DocumentNode;
  read: BatchableRead;
}

export interface FetchBatchingSettings {
  /** Reads merged into one subgraph request at most (SUBGRAPH_BATCH_MAX_SIZE). */
  maxBatchSize: number;
  /** Requests to one subgraph on their way at once; reads arriving meanwhile wait and go together (SUBGRAPH_MAX_IN_FLIGHT). */
  maxInFlight: number;
  /**
   * How long a batch waits for a slot at most; then it goes anyway, on a slot of its own (SUBGRAPH_MAX_WAIT_MS). A slow
   * read on its way then delays the reads behind it by this much, not by its own duration.
   */
  maxWaitMs: number;
}

export const DEFAULT_FETCH_BATCHING: FetchBatchingSettings = { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 25 };

/** A batch waiting for a slot: what sends it, and the timer that sends it anyway once it has waited `maxWaitMs`. */
interface WaitingBatch {
  dispatch: () => void;
  overdue?: NodeJS.Timeout;
}

/**
 * Told of every request sent: the reads it answers (1 for a read on its own, n for n merged reads;
 * subgraph_fetch_batch_size), and how many of those were identical to another read of it and went once
 * (subgraph_fetch_shared_reads_total).
 */
export type BatchSizeObserver = (reads: number, sharedReads: number) => void;

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
 * not a thrown Error: the batch's DataLoader hands its outcome to every read, and no stack trace is taken per read.
 */
class SendAlone {
  constructor(readonly release?: () => void) {}
}

const DOCUMENTS_KEPT = 500;
const EXECUTORS_KEPT = 256;

/**
 * Cross-operation batching of one subgraph's reads (Hive Gateway's subgraph batching, @graphql-tools/batch-execute):
 * while `maxInFlight` requests to the subgraph are on their way, the reads of other operations wait, and when a slot
 * frees (or after `maxWaitMs`, whichever comes first) they go as ONE request (each read's root fields aliased `_v<i>_…`, its variables prefixed). The subgraph then
 * runs one HTTP exchange, one pipeline and, through its DataLoaders, one SQL statement per entity type for all of them,
 * instead of one each. Below `maxInFlight` concurrent reads nothing waits, so an idle gateway adds no latency.
 *
 * Unlike deduplication or a cache, every read is executed by the subgraph at the time it is sent: an answer is never
 * older than the read. Identical reads of one batch (same document, same variables) are executed once, each operation
 * getting its own copy of the answer: the request leaves after each of them was made, so that holds for all of them. Isolation: only reads of the same identity share a request; a batch that fails as a whole
 * (HTTP error, an error without a path, no data) is re-sent read by read, so one operation's bad input never fails
 * another's; each read keeps its own deadline.
 */
export class FetchBatching {
  readonly #documents = new LRUCache<string, DocumentNode>({ max: DOCUMENTS_KEPT });
  readonly #loaders = new LRUCache<string, DataLoader<PendingRead, SplitAnswer | SendAlone>>({ max: EXECUTORS_KEPT });
  readonly #merged = new MergedQueries();
  readonly #waiting: WaitingBatch[] = [];
  #inFlight = 0;
  /**
   * Reads that came through, merged requests sent, reads sent on their own, merged requests that failed, batches that
   * stopped waiting for a slot after `maxWaitMs`, reads answered by an identical read of their batch (a probe for tests).
   */
  readonly counts = { reads: 0, mergedRequests: 0, sentAlone: 0, failedBatches: 0, overdueBatches: 0, sharedReads: 0 };

  constructor(
    private readonly url: string,
    private readonly settings: FetchBatchingSettings = DEFAULT_FETCH_BATCHING,
    private readonly observeSize: BatchSizeObserver = () => {},
  ) {}

  /**
   * The read's result from a merged request, or whatever `sendAlone` gives when the read goes on its own (alone in its
   * batch, or its batch failed). `sendAlone` is the normal single-request path, with its own error handling.
   */
  async read<R>(read: BatchableRead, sendAlone: () => Promise<R>, fromBatch: (result: SplitAnswer) => R): Promise<R> {
    if (read.signal?.aborted) throw read.signal.reason as Error;
    this.counts.reads += 1;
    let outcome: SplitAnswer | SendAlone;
    try {
      outcome = await untilAborted(this.#loaderFor(read.authorization).load({ document: this.#documentOf(read.query), read }), read.signal);
    } catch {
      if (read.signal?.aborted) throw read.signal.reason as Error;
      outcome = new SendAlone(); // the batch's answer could not be split
      this.counts.failedBatches += 1;
    }
    if (outcome instanceof SendAlone) {
      this.counts.sentAlone += 1;
      this.observeSize(1, 0);
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

  /** One DataLoader per identity: reads of different identities never share a request. */
  #loaderFor(authorization: string | undefined): DataLoader<PendingRead, SplitAnswer | SendAlone> {
    const key = authorization ?? '';
    let loader = this.#loaders.get(key);
    if (!loader) {
      loader = new DataLoader<PendingRead, SplitAnswer | SendAlone>((reads) => this.#send(reads, authorization), {
        cache: false,
        maxBatchSize: this.settings.maxBatchSize,
        batchScheduleFn: (dispatch) => this.#whenSlotFree(dispatch),
      });
      this.#loaders.set(key, loader);
    }
    return loader;
  }

  /** A read alone in its batch goes the normal way (holding the slot until it is done); reads together go as one request. */
  async #send(reads: readonly PendingRead[], authorization: string | undefined): Promise<(SplitAnswer | SendAlone)[]> {
    if (reads.length === 1) return [new SendAlone(() => this.#release())];
    try {
      this.counts.mergedRequests += 1;
      // identical reads (same document, same variables) go once: the request is sent after each of them was made, so
      // the one answer is as fresh as each would have been on its own
      const { distinct, answerOf } = distinctReads(reads.map(({ document, read }) => ({ document, variables: read.variables })));
      this.counts.sharedReads += reads.length - distinct.length;
      this.observeSize(reads.length, reads.length - distinct.length);
      const variables: Record<string, unknown> = {};
      distinct.forEach((index, position) => prefixedVariables(position, reads[index]!.read.variables, variables));
      const traceparent = reads.find(({ read }) => read.traceparent)?.read.traceparent;
      const operationName = reads.find(({ read }) => read.operationName)?.read.operationName;
      const signal = allAborted(reads.map(({ read }) => read.signal));
      const response = await fetchSubgraph({
        url: this.url,
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
          ...(traceparent ? { traceparent } : {}),
        },
        body: JSON.stringify({ query: this.#merged.queryFor(distinct.map((index) => reads[index]!.document)), variables, operationName }),
        ...(signal ? { signal } : {}),
      });
      const answer = response.ok ? (JSON.parse(response.body) as { data?: Record<string, unknown> | null; errors?: AnswerError[] }) : undefined;
      if (answer?.data && !answer.errors?.some((error) => !error.path?.length)) return answerOf(splitMerged(answer, distinct.length));
    } catch {
      // the request failed (network, its signal once every read left), or its answer could not be split: read by read below
    } finally {
      this.#release();
    }
    this.counts.failedBatches += 1;
    return reads.map(() => new SendAlone());
  }

  /** DataLoader's batch schedule: at the end of this tick when a slot is free, else when one frees or `maxWaitMs` passed. */
  #whenSlotFree(dispatch: () => void): void {
    if (this.#inFlight < this.settings.maxInFlight) {
      this.#inFlight += 1;
      process.nextTick(dispatch);
      return;
    }
    const waiting: WaitingBatch = { dispatch };
    waiting.overdue = setTimeout(() => {
      const index = this.#waiting.indexOf(waiting);
      if (index === -1) return;
      this.#waiting.splice(index, 1);
      this.#inFlight += 1; // a slot of its own, given back by #release like any other
      this.counts.overdueBatches += 1;
      dispatch();
    }, this.settings.maxWaitMs);
    this.#waiting.push(waiting);
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) {
      clearTimeout(next.overdue);
      next.dispatch();
    } else this.#inFlight -= 1;
  }
}

/** Aborted once every read's signal is: no signal when some read has none. */
function allAborted(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  if (signals.some((signal) => !signal)) return undefined;
  const controller = new AbortController();
  let left = signals.length;
  for (const signal of signals as AbortSignal[]) {
    if (signal.aborted) left -= 1;
    else whenAborted(signal, () => (left -= 1) === 0 && controller.abort(signal.reason));
  }
  if (left === 0) controller.abort(signals[0]!.reason);
  return controller.signal;
}

/**
 * subgraph_fetch_batch_size{subgraph}: the reads of concurrent operations each request to a subgraph answered (1: sent
 * on its own); subgraph_fetch_shared_reads_total{subgraph}: those identical to another read of their request, which
 * went once.
 */
export function batchMetrics(registry: Registry): (subgraph: string) => BatchSizeObserver {
  const sizes = new Histogram({
    name: 'subgraph_fetch_batch_size',
    help: 'Reads of concurrent operations answered by one request to a subgraph (1: sent on its own; SUBGRAPH_BATCHING)',
    labelNames: ['subgraph'],
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [registry],
  });
  const shared = new Counter({
    name: 'subgraph_fetch_shared_reads_total',
    help: 'Reads answered by an identical read of the same merged request to a subgraph (same document and variables: sent once)',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  return (subgraph) => (reads, sharedReads) => {
    sizes.observe({ subgraph }, reads);
    if (sharedReads > 0) shared.inc({ subgraph }, sharedReads);
  };
}
