import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { context as activeContext, type Context as TraceContext } from '@opentelemetry/api';
import { notFound } from '@alpes/platform';
import { authorizationView, type Identity } from '@alpes/security';
import type { ItemResult } from './hydration-batch-document.js';
import { HydrationBatcher, type GatewayOperationRunner, type HydrationBatchOptions } from './hydration-batcher.js';
import type { HydrationRequest } from './hydration-document.js';

export type { GatewayOperationRunner } from './hydration-batcher.js';

/** The entity by response key: its data (keyed by the client's response keys) or the error for that event. */
export type HydratedEntity = Record<string, unknown>;

export interface HydratorOptions {
  /** How long a hydration result is shared among clients with the same selection (default 5 000 ms). */
  memoTtlMs?: number;
  /** Waits before each retry while the entity is not visible yet (projection lag); default ~1 s in total. */
  retryDelaysMs?: readonly number[];
  /** How entities are batched into gateway operations (hydration-batcher.ts). */
  batching?: HydrationBatchOptions;
  /**
   * Waits before each retry while a subgraph is unavailable (UNAVAILABLE, TIMEOUT) or the gateway operation failed;
   * default 100 ms doubling to 2 s, ~15 s in all. Then the event carries the error, saying how long it was retried.
   */
  outageRetryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [50, 100, 150, 250, 450];
const DEFAULT_OUTAGE_RETRY_DELAYS_MS = [100, 200, 400, 800, 1_600, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000];
/** Errors that say the data could not be loaded right now, not that it is wrong or forbidden: worth another try. */
const TRANSIENT_CODES = new Set(['UNAVAILABLE', 'TIMEOUT']);

/**
 * Loads an event's entity through the gateway with the client's selection, under the client's identity (field
 * authorization and the subgraphs' row-level rules apply to it as to a query). One hydration per (event, entity,
 * document, variables, authorization view) runs at a time and its result is shared for a short TTL, and a result is
 * never shared with a client that may see less. The gateway operations themselves are batched (HydrationBatcher):
 * the entities of many events, for every selection of one authorization partition, load in one operation.
 * Never rejects: failures become GraphQL errors on the entity.
 */
export class Hydrator {
  readonly #memo = new Map<string, Promise<HydratedEntity>>();
  readonly #memoTtlMs: number;
  readonly #retryDelaysMs: readonly number[];
  readonly #outageRetryDelaysMs: readonly number[];
  readonly #batcher: HydrationBatcher;

  constructor(run: GatewayOperationRunner, options: HydratorOptions = {}) {
    this.#memoTtlMs = options.memoTtlMs ?? 5_000;
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.#outageRetryDelaysMs = options.outageRetryDelaysMs ?? DEFAULT_OUTAGE_RETRY_DELAYS_MS;
    this.#batcher = new HydrationBatcher(run, options.batching);
  }

  /** `eventId` is the envelope id; `label` names the entity in errors (e.g. "comision"). */
  hydrate(eventId: string, entityId: string, request: HydrationRequest, label: string, identity: Identity): Promise<HydratedEntity> {
    const key = [eventId, entityId, request.document, JSON.stringify(request.variables), authorizationView(identity)].join('\n');
    const memoized = this.#memo.get(key);
    if (memoized) return memoized;
    // the delivery's span is active here only until the first await: its context goes along explicitly
    const hydration = this.#hydrateWithRetries(entityId, request, label, identity, activeContext.active());
    this.#memo.set(key, hydration);
    setTimeout(() => this.#memo.delete(key), this.#memoTtlMs).unref();
    return hydration;
  }

  /** Shutting down: batches waiting for their turn are not run. */
  close(): void {
    this.#batcher.close();
  }

  /** Hydrations currently remembered (tests). */
  get memoSize(): number {
    return this.#memo.size;
  }

  async #hydrateWithRetries(
    entityId: string,
    request: HydrationRequest,
    label: string,
    identity: Identity,
    traceContext: TraceContext,
  ): Promise<HydratedEntity> {
    const startedAt = Date.now();
    let outages = 0;
    for (let attempt = 0; ; attempt += 1) {
      const result: ItemResult | 'failed' = await this.#batcher.load(entityId, request, identity, traceContext);
      // an outage (a subgraph unreachable or too slow, the operation itself failing): wait and try again, within a bound
      if (result === 'failed' || transientReason(result.errors) !== undefined) {
        const wait = this.#outageRetryDelaysMs[outages++];
        if (wait !== undefined && !this.#batcher.closed) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        if (result === 'failed') {
          const message = `could not load ${label} ${entityId}: the gateway operation failed ${outages} times over ${Date.now() - startedAt} ms`;
          return errorOnEveryKey(request, new GraphQLError(message, { extensions: { code: 'UNAVAILABLE' } }));
        }
        // retried long enough: the event carries the subgraph's error where it belongs (below)
      }
      const { data, errors } = result;
      const invisible = request.responseKeys.filter((key) => data[key] === null && !errorsUnder(errors, key).length);
      const delay = this.#retryDelaysMs[attempt];
      if (invisible.length > 0 && !errors.length && delay !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      return entityByResponseKey(request, entityId, label, data, errors);
    }
  }
}

/** The first transient error's message (UNAVAILABLE, TIMEOUT), if any. */
function transientReason(errors: readonly GraphQLFormattedError[]): string | undefined {
  const transient = errors.find((error) => typeof error.extensions?.code === 'string' && TRANSIENT_CODES.has(error.extensions.code));
  return transient?.message;
}

function entityByResponseKey(
  request: HydrationRequest,
  entityId: string,
  label: string,
  data: Record<string, unknown>,
  errors: readonly GraphQLFormattedError[],
): HydratedEntity {
  const entity: HydratedEntity = {};
  const unplaced = errors.filter((error) => typeof error.path?.[0] !== 'string' || !request.responseKeys.includes(error.path[0]));
  for (const key of request.responseKeys) {
    if (!Object.hasOwn(data, key) && !errors.length) continue; // skipped by @skip/@include
    const value = data[key];
    const under = errorsUnder(errors, key);
    const nested = under.filter((error) => error.path!.length > 1);
    const whole = [...under.filter((error) => error.path!.length === 1), ...unplaced];
    if (whole.length > 0 || ((value === null || value === undefined) && nested.length > 0)) entity[key] = toGraphQLError([...whole, ...nested]);
    else if (value === null || value === undefined) entity[key] = notFound(`${label} ${entityId} is not visible yet`);
    // partial data: each nested error goes back where the gateway put it, so the client gets what did load
    else entity[key] = nested.reduce<unknown>((partial, error) => withErrorAt(partial, error.path!.slice(1), toGraphQLError([error])), value);
  }
  return entity;
}

/**
 * A copy of `node` with `error` at `path` (response keys and list indexes). Where the path meets a null (the null
 * the error caused, bubbled up to a nullable parent), the error takes that place.
 */
function withErrorAt(node: unknown, path: readonly (string | number)[], error: GraphQLError): unknown {
  if (path.length === 0 || node === null || node === undefined) return error;
  if (typeof node !== 'object') return node;
  const [head, ...rest] = path;
  const source = node as Record<string | number, unknown>;
  const copy = (Array.isArray(node) ? [...(node as unknown[])] : { ...source }) as Record<string | number, unknown>;
  copy[head!] = withErrorAt(source[head!], rest, error);
  return copy;
}

function errorsUnder(errors: readonly GraphQLFormattedError[] | undefined, key: string): GraphQLFormattedError[] {
  return (errors ?? []).filter((error) => error.path?.[0] === key);
}

function errorOnEveryKey(request: HydrationRequest, error: GraphQLError): HydratedEntity {
  return Object.fromEntries(request.responseKeys.map((key) => [key, error]));
}

/** The gateway's (already formatted) errors as one error, keeping the first one's extensions and code. */
function toGraphQLError(errors: readonly GraphQLFormattedError[]): GraphQLError {
  const [first] = errors;
  const message = errors.map((error) => error.message).join('; ');
  return new GraphQLError(message, { extensions: { ...first?.extensions, code: first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR' } });
}
