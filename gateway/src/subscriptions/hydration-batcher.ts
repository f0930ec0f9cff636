import type { GraphQLFormattedError } from 'graphql';
import type { Context as TraceContext } from '@opentelemetry/api';
import { authorizationView, type Identity } from '@alpes/security';
import { batchHydrations, type BatchItem, type ItemResult } from './hydration-batch-document.js';
import type { HydrationRequest } from './hydration-document.js';

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
   * The least time between the starts of two hydration operations of one authorization partition (default 0: only
   * what arrives while one is in flight waits; HYDRATION_BATCH_INTERVAL_MS).
   * Whatever arrives meanwhile, and while one is in flight, goes into the next operation: a steady 30 events/s costs
   * 5 operations a second, and an isolated event waits only gatherMs.
   */
  intervalMs?: number;
  /** Entities per operation at most (default 50); the rest go into the next. */
  maxItems?: number;
}

interface Pending extends BatchItem {
  identity: Identity;
  /** The trace context of the delivery that asked (a batch runs in its first one's, as a timer would carry it). */
  traceContext: TraceContext | undefined;
  settle(result: ItemResult | 'failed'): void;
}

interface Partition {
  pending: Pending[];
  inFlight: boolean;
  lastStartedAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Loads entities through the gateway in batches: per authorization partition (authorizationView: identities that see
 * the same rows and fields), whatever entities are asked for while an operation is in flight or within the interval
 * after one started are loaded together by the next, one gateway operation for every selection and every entity
 * (batchHydrations). Partitions never share an operation, so a result is never computed with another partition's
 * rights. A batch runs as the identity among its askers whose token lasts longest (the same rights, by the partition).
 */
export class HydrationBatcher {
  readonly #partitions = new Map<string, Partition>();
  readonly #gatherMs: number;
  readonly #intervalMs: number;
  readonly #maxItems: number;
  #closed = false;

  constructor(
    private readonly run: GatewayOperationRunner,
    options: HydrationBatchOptions = {},
  ) {
    this.#gatherMs = options.gatherMs ?? 2;
    this.#intervalMs = options.intervalMs ?? 0;
    this.#maxItems = options.maxItems ?? 50;
  }

  /** The entity with the request's selection, keyed by its response keys; 'failed' when the gateway call threw. */
  load(entityId: string, request: HydrationRequest, identity: Identity, traceContext?: TraceContext): Promise<ItemResult | 'failed'> {
    const key = authorizationView(identity);
    let partition = this.#partitions.get(key);
    if (!partition) this.#partitions.set(key, (partition = { pending: [], inFlight: false, lastStartedAt: Number.NEGATIVE_INFINITY }));
    const loaded = new Promise<ItemResult | 'failed'>((settle) => partition.pending.push({ entityId, request, identity, traceContext, settle }));
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

  #schedule(key: string, partition: Partition): void {
    if (partition.inFlight || partition.timer || partition.pending.length === 0) return;
    const wait = Math.max(this.#gatherMs, partition.lastStartedAt + this.#intervalMs - Date.now());
    partition.timer = setTimeout(() => {
      partition.timer = undefined;
      void this.#flush(key, partition);
    }, wait);
  }

  async #flush(key: string, partition: Partition): Promise<void> {
    const batch = partition.pending.splice(0, this.#maxItems);
    partition.inFlight = true;
    partition.lastStartedAt = Date.now();
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

  /** Keeps the partition (and the time of its last start) for one interval, so a steady stream stays throttled. */
  #forgetWhenIdle(key: string, partition: Partition): void {
    setTimeout(() => {
      if (this.#partitions.get(key) === partition && !partition.inFlight && !partition.timer && partition.pending.length === 0) this.#partitions.delete(key);
    }, this.#intervalMs).unref();
  }
}

function longestLived(identities: readonly Identity[]): Identity {
  return identities.reduce((best, candidate) =>
    candidate.kind === 'user' && best.kind === 'user' && candidate.expiresAt.getTime() > best.expiresAt.getTime() ? candidate : best,
  );
}
