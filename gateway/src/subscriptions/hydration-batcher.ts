import type { GraphQLFormattedError } from 'graphql';
import type { Context as TraceContext } from '@opentelemetry/api';
import { authorizationView, type Identity } from '@alpes/security';
import { batchHydrations, type BatchItem, type ItemResult } from './hydration-batch-document.js';
import type { HydrationRequest } from './hydration-document.js';
import { AdaptiveWindow } from './adaptive-window.js';

/** Runs one operation through the gateway in process (ApolloServer.executeOperation), as `identity`, in `traceContext` when given. */
export type GatewayOperationRunner = (
  document: string,
  variables: Record<string, unknown>,
  identity: Identity,
  traceContext?: TraceContext,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

export interface HydrationBatchOptions {
  /** How long the first entity of a quiet moment waits for others to join it (default 2 ms). */
  gatherMs?: number;
  /**
   * Adaptive window (the default): while entities arrive steadily (on average at most maxWaitMs / 2 apart, the last
   * one within maxWaitMs), the first entity of a batch waits until `targetEntities` distinct entities have gathered,
   * at most `maxWaitMs`; an isolated entity waits only gatherMs. At 30 events/s that is one operation per 6 events,
   * each waiting ≤ 167 ms (HYDRATION_BATCH_MAX_WAIT_MS, default 180).
   */
  maxWaitMs?: number;
  /** Distinct entities (events) a steady stream gathers per operation (HYDRATION_BATCH_TARGET_ENTITIES, default 6). */
  targetEntities?: number;
  /**
   * A fixed interval instead of the adaptive window (HYDRATION_BATCH_INTERVAL_MS): the least time between the starts
   * of two hydration operations of one authorization partition; 0: only what arrives while one is in flight waits.
   */
  intervalMs?: number;
  /** Entities per operation at most (default 50); the rest go into the next. */
  maxItems?: number;
}

/** How long an authorization partition's batching state outlives its last load. */
const PARTITION_IDLE_MS = 10_000;

export const DEFAULT_HYDRATION_BATCHING = { gatherMs: 2, maxWaitMs: 180, targetEntities: 6, maxItems: 50 } as const;

interface Pending extends BatchItem {
  identity: Identity;
  /** The trace context of the delivery that asked (a batch runs in its first one's, as a timer would carry it). */
  traceContext: TraceContext | undefined;
  settle(result: ItemResult | 'failed'): void;
}

interface Partition {
  pending: Pending[];
  /** The distinct entities among `pending` (one event's selections count once). */
  entities: Set<string>;
  /** When the batch now gathering runs at the latest (performance.now()), and how long its window was. */
  deadline: number;
  windowMs: number;
  inFlight: boolean;
  lastStartedAt: number;
  lastLoadAt: number;
  window: AdaptiveWindow;
  timer?: NodeJS.Timeout;
  timerDue?: number;
}

/**
 * Loads entities through the gateway in batches: per authorization partition (authorizationView: identities that see
 * the same rows and fields), the entities asked for while an operation is in flight or while a batch gathers are
 * loaded together by the next, one gateway operation for every selection and every entity (batchHydrations).
 * How long a batch gathers adapts to the arrival rate (HydrationBatchOptions.maxWaitMs), or follows a fixed interval.
 * Partitions never share an operation, so a result is never computed with another partition's rights. A batch runs as
 * the identity among its askers whose token lasts longest (the same rights, by the partition).
 */
export class HydrationBatcher {
  readonly #partitions = new Map<string, Partition>();
  readonly #gatherMs: number;
  readonly #maxWaitMs: number;
  readonly #targetEntities: number;
  readonly #intervalMs: number | undefined;
  readonly #maxItems: number;
  #closed = false;

  constructor(
    private readonly run: GatewayOperationRunner,
    options: HydrationBatchOptions = {},
  ) {
    this.#gatherMs = options.gatherMs ?? DEFAULT_HYDRATION_BATCHING.gatherMs;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_HYDRATION_BATCHING.maxWaitMs;
    this.#targetEntities = options.targetEntities ?? DEFAULT_HYDRATION_BATCHING.targetEntities;
    this.#intervalMs = options.intervalMs;
    this.#maxItems = options.maxItems ?? DEFAULT_HYDRATION_BATCHING.maxItems;
  }

  /** The entity with the request's selection, keyed by its response keys; 'failed' when the gateway call threw. */
  load(entityId: string, request: HydrationRequest, identity: Identity, traceContext?: TraceContext): Promise<ItemResult | 'failed'> {
    const key = authorizationView(identity);
    let partition = this.#partitions.get(key);
    if (!partition) {
      const window = new AdaptiveWindow({ gatherMs: this.#gatherMs, maxWaitMs: this.#maxWaitMs });
      partition = {
        pending: [],
        entities: new Set(),
        deadline: 0,
        windowMs: 0,
        inFlight: false,
        lastStartedAt: Number.NEGATIVE_INFINITY,
        lastLoadAt: 0,
        window,
      };
      this.#partitions.set(key, partition);
    }
    const now = performance.now();
    partition.lastLoadAt = now;
    partition.window.arrived(entityId, now);
    if (partition.pending.length === 0) {
      partition.windowMs = this.#intervalMs === undefined ? partition.window.open() : this.#gatherMs;
      partition.deadline = now + partition.windowMs;
    }
    const loaded = new Promise<ItemResult | 'failed'>((settle) => partition.pending.push({ entityId, request, identity, traceContext, settle }));
    partition.entities.add(entityId);
    this.#schedule(key, partition);
    return loaded;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Shutting down: nothing waits for a timer any more; what was waiting is answered as failed. */
  close(): void {
    this.#closed = true;
    for (const partition of this.#partitions.values()) {
      clearTimeout(partition.timer);
      partition.timer = undefined;
      for (const item of partition.pending.splice(0)) item.settle('failed');
    }
    this.#partitions.clear();
  }

  /** Runs the batch at its deadline (or at once when full), unless one is in flight: then when that one ends. */
  #schedule(key: string, partition: Partition): void {
    if (partition.inFlight || partition.pending.length === 0) return;
    const now = performance.now();
    const full = partition.entities.size >= this.#targetEntities || partition.pending.length >= this.#maxItems;
    const due = this.#intervalMs === undefined ? (full ? now : partition.deadline) : Math.max(now + this.#gatherMs, partition.lastStartedAt + this.#intervalMs);
    if (partition.timer && partition.timerDue! <= due) return;
    clearTimeout(partition.timer);
    partition.timerDue = due;
    // a full batch still waits for the end of this dispatch: the event's other selections join it
    partition.timer = setTimeout(
      () => {
        partition.timer = undefined;
        void this.#flush(key, partition);
      },
      Math.max(0, due - now),
    );
  }

  async #flush(key: string, partition: Partition): Promise<void> {
    const batch = partition.pending.splice(0, this.#maxItems);
    partition.window.closed(partition.windowMs, new Set(batch.map((item) => item.entityId)).size);
    partition.entities = new Set(partition.pending.map((item) => item.entityId));
    // leftovers (past maxItems) go next, without a new window
    partition.windowMs = this.#gatherMs;
    partition.deadline = performance.now() + this.#gatherMs;
    partition.inFlight = true;
    partition.lastStartedAt = performance.now();
    try {
      const results = await this.#runBatch(batch);
      batch.forEach((item, index) => item.settle(results[index]!));
    } catch {
      for (const item of batch) item.settle('failed');
    } finally {
      partition.inFlight = false;
      if (partition.pending.length > 0) this.#schedule(key, partition);
      else this.#forgetWhenIdle(key, partition);
    }
  }

  async #runBatch(batch: readonly Pending[]): Promise<ItemResult[]> {
    const identity = longestLived(batch.map((item) => item.identity));
    const [first] = batch;
    if (batch.every((item) => item.request === first!.request && item.entityId === first!.entityId)) {
      // one entity, one selection: the request's own query, as without batching
      const { request, entityId } = first!;
      const result = await this.run(request.document, { ...request.variables, [request.idVariable]: entityId }, identity, first!.traceContext);
      return batch.map(() => ({ data: result.data ?? {}, errors: [...(result.errors ?? [])] }));
    }
    const merged = batchHydrations(batch);
    const result = await this.run(merged.document, merged.variables, identity, first!.traceContext);
    return merged.split(result.data, result.errors);
  }

  /** Keeps the partition (its last start, what its window learnt) until it has been idle for a while (10 s, or the interval). */
  #forgetWhenIdle(key: string, partition: Partition): void {
    const idleMs = Math.max(this.#intervalMs ?? 0, PARTITION_IDLE_MS);
    setTimeout(() => {
      const idle = !partition.inFlight && !partition.timer && partition.pending.length === 0 && performance.now() - partition.lastLoadAt >= idleMs;
      if (this.#partitions.get(key) === partition && idle) this.#partitions.delete(key);
    }, idleMs).unref();
  }
}

function longestLived(identities: readonly Identity[]): Identity {
  return identities.reduce((best, candidate) =>
    candidate.kind === 'user' && best.kind === 'user' && candidate.expiresAt.getTime() > best.expiresAt.getTime() ? candidate : best,
  );
}
