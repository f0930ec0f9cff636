import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// the enum lives in a module @apollo/gateway does not re-export; no "exports" map forbids the path
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { authorizationView, GATEWAY_SERVICE, type SubgraphIdentitySigner } from '@alpes/security';
import { ATTR, inSpan, recordsUnder, TRACEPARENT, traceparentOf, tracingActive } from '@alpes/observability';
import { context as activeContext, SpanKind, trace, type Context } from '@opentelemetry/api';
import type { Histogram } from 'prom-client';
import { FieldAuthorization } from '../plugins/field-authorization.js';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { deadlineOf, subgraphTimeoutError } from '../plugins/request-deadline.js';
import { entityFetchErrors, rootFetchErrors } from './entity-fetch-errors.js';
import type { FetchCache } from '../cache/fetch-cache.js';
import type { GatewayContext } from '../plugins/authentication.js';
import type { FetchBatching } from './fetch-batching.js';
import type { FetchDeduplication } from './fetch-deduplication.js';
import { fetchSubgraph } from './subgraph-fetcher.js';
import { leanSendRequest } from './lean-send-request.js';

/**
 * A subgraph that answered HTTP 400 with GraphQL errors refused the input it was sent (e.g. a Decimal written as a
 * float literal, which the gateway's schema cannot check: its custom scalars are opaque). That is the client's input,
 * not an outage: BAD_USER_INPUT with the subgraph's own message, never UNAVAILABLE (a client would retry it forever).
 */
function refusedInput(error: unknown): GraphQLError | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const response = error.extensions.response as { status?: number; body?: { errors?: { message?: unknown }[] } } | undefined;
  const message = response?.body?.errors?.[0]?.message;
  if (response?.status !== 400 || typeof message !== 'string') return undefined;
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** What the fetch running inside process() needs of its operation: the deadline's abort signal, and whether it may share. */
interface FetchScope {
  signal?: AbortSignal;
  deduplication?: FetchDeduplication;
}

/**
 * RemoteGraphQLDataSource calls its fetcher with the URL, headers and body only. The scope travels to it under a
 * private header naming an entry of this map (taken off before the request is sent): an AsyncLocalStorage would do
 * the same but turns on promise hooks for the whole process, a cost on every promise of every request.
 */
const SCOPE_HEADER = 'x-alpes-fetch-scope';
const scopes = new Map<string, FetchScope>();
let scopeSequence = 0;

/** RemoteGraphQLDataSource's fetcher: a pooled keep-alive POST (subgraph-fetcher.ts), shared with identical reads when allowed. */
function scopedFetch(url: string, init: { headers: Record<string, string>; body: string }) {
  const token = init.headers[SCOPE_HEADER];
  const scope = token === undefined ? undefined : scopes.get(token);
  if (token !== undefined) {
    delete init.headers[SCOPE_HEADER];
    scopes.delete(token);
  }
  const request = { url, headers: init.headers, body: init.body, ...(scope?.signal ? { signal: scope.signal } : {}) };
  return scope?.deduplication ? scope.deduplication.fetch(request) : fetchSubgraph(request);
}

/** The trace context an operation runs in (GatewayContext.traceContext), when it has one. */
function operationTraceContext(context: unknown): Context | undefined {
  return typeof context === 'object' && context !== null ? (context as { traceContext?: Context }).traceContext : undefined;
}

/** The response cache's record of the operation a fetch serves, when it may store its answer (GatewayContext.responseRecord). */
function responseRecordOf(context: unknown) {
  return typeof context === 'object' && context !== null ? (context as GatewayContext).responseRecord : undefined;
}

/** Reads may be shared; a mutation's fetches (and anything not an operation of a client) never are. */
function isQueryOperation(options: GraphQLDataSourceProcessOptions): boolean {
  return options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION && options.incomingRequestContext.operation?.operation === 'query';
}

/**
 * How the gateway calls one subgraph: a pooled keep-alive fetcher (far leaner than the default make-fetch-happen or
 * Node's fetch), identical concurrent reads shared when SUBGRAPH_DEDUP=on (fetch-deduplication.ts), and a
 * subgraph that cannot be reached becomes an UNAVAILABLE error naming it instead of a raw "fetch failed", placed on
 * the fields it was asked for when it was an entity fetch. Every request carries the identity of the operation it
 * serves, signed by the gateway (the subgraph verifies it and applies its row-level rules): a client's own
 * Authorization header is never forwarded.
 */
export interface SubgraphDataSourceOptions {
  fetchDuration?: Histogram<'subgraph'>;
  /** SUBGRAPH_DEDUP: identical reads in flight shared. */
  deduplication?: FetchDeduplication;
  /** The event-invalidated cache (CACHE=on). */
  cache?: FetchCache;
  /** Reads of concurrent operations merged into one request while the subgraph is busy (SUBGRAPH_BATCHING). */
  batching?: FetchBatching;
}

export class SubgraphDataSource extends RemoteGraphQLDataSource {
  private readonly fetchDuration?: Histogram<'subgraph'>;
  private readonly deduplication?: FetchDeduplication;
  private readonly cache?: FetchCache;
  private readonly batching?: FetchBatching;

  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly identities: SubgraphIdentitySigner,
    options: SubgraphDataSourceOptions = {},
  ) {
    super({ url, fetcher: scopedFetch as never });
    // shadows RemoteGraphQLDataSource's private sendRequest: the same, without a node-fetch Request per fetch
    Object.assign(this, { sendRequest: leanSendRequest });
    ({ fetchDuration: this.fetchDuration, deduplication: this.deduplication, cache: this.cache, batching: this.batching } = options);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // the subgraph's server span continues this fetch's span (W3C Trace Context), when tracing; in a trace that is not
    // sampled the fetch has no span, and the subgraph gets the operation's own traceparent (and with it the decision)
    const traceparent = this.#traceparents.get(options) ?? traceparentOf(operationTraceContext(options.context));
    if (traceparent) headers.set(TRACEPARENT, traceparent);
    // composition's schema requests already carry the gateway's own identity (introspectionHeaders)
    if (options.kind === GraphQLDataSourceRequestKind.LOADING_SCHEMA) return;
    const identity = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? FieldAuthorization.identityOf(options.context) : GATEWAY_SERVICE;
    const authorization = await this.identities.authorizationFor(identity);
    headers.delete('authorization');
    if (authorization) headers.set('authorization', authorization);
    const token = this.#scopeTokens.get(options);
    if (token !== undefined) headers.set(SCOPE_HEADER, token);
  }

  /** The scope token of each operation's fetch being processed (read by willSendRequest). */
  readonly #scopeTokens = new WeakMap<GraphQLDataSourceProcessOptions, string>();

  /** The `traceparent` of each fetch being processed that has a span of its own (read by willSendRequest). */
  readonly #traceparents = new WeakMap<GraphQLDataSourceProcessOptions, string>();

  /** A query's fetch goes through the gateway cache when it serves; everything else straight to the subgraph. */
  override process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    if (this.cache?.serving && isQueryOperation(options)) return this.processCached(options, this.cache);
    // an operation the response cache may store: a fetch that bypasses the fetch cache leaves nothing to invalidate it by
    if (options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION) responseRecordOf(options.context)?.refuse('uncached');
    return this.processUncached(options);
  }

  /**
   * A query's fetch through the gateway cache (cache/fetch-cache.ts): keyed by the authorization partition of the
   * identity the subgraph will see (its row-level rules depend on nothing else), stored unless an invalidation overlapped it.
   */
  private async processCached(options: GraphQLDataSourceProcessOptions, cache: FetchCache): Promise<GatewayGraphQLResponse> {
    const key = cache.keyOf(this.subgraphName, authorizationView(FieldAuthorization.identityOf(options.context)), options.request);
    const record = responseRecordOf(options.context);
    const cached = cache.get(key, this.subgraphName, record);
    if (cached) return cached;
    const startedAt = cache.clock;
    const response = await this.processUncached(options);
    await cache.store(key, this.subgraphName, options.request, startedAt, response, record);
    return response;
  }

  /**
   * A CLIENT span per fetch of an operation (when tracing), naming the subgraph and the fetch's operation, under the
   * operation's trace context (GatewayContext.traceContext; the active one for an operation without it). In a trace
   * that is not sampled no span is made: the subgraph gets the operation's own traceparent, and with it the decision.
   */
  private processUncached(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION || !tracingActive()) return this.fetchOnce(options);
    const parent = operationTraceContext(options.context) ?? activeContext.active();
    if (!recordsUnder(parent)) return this.fetchOnce(options);
    const operationName = options.request.operationName;
    const attributes = { [ATTR.subgraph]: this.subgraphName, ...(operationName ? { [ATTR.graphqlOperationName]: operationName } : {}) };
    return inSpan(`fetch ${this.subgraphName}`, { kind: SpanKind.CLIENT, attributes, parent }, (span) => {
      const traceparent = traceparentOf(trace.setSpan(parent, span));
      if (traceparent) this.#traceparents.set(options, traceparent);
      return this.fetchOnce(options);
    });
  }

  /** Each fetch of an operation gets the time left before its deadline (REQUEST_TIMEOUT_MS); none left: TIMEOUT at once. */
  private async fetchOnce(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const timer =
      options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? this.fetchDuration?.startTimer({ subgraph: this.subgraphName }) : undefined;
    const deadline = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? deadlineOf(options.context) : undefined;
    const left = deadline ? deadline.at - Date.now() : undefined;
    if (deadline && left !== undefined && left <= 0) return this.failed(options, subgraphTimeoutError(this.subgraphName, deadline.timeoutMs));
    const signal = deadline?.signal;
    // a read with a span of its own (a sampled trace) is never shared: its subgraph's span stays its child
    const deduplication = this.deduplication && isQueryOperation(options) && !this.#traceparents.has(options) ? this.deduplication : undefined;
    const token = signal || deduplication ? String((scopeSequence += 1)) : undefined;
    if (token !== undefined) {
      scopes.set(token, { ...(signal ? { signal } : {}), ...(deduplication ? { deduplication } : {}) });
      this.#scopeTokens.set(options, token);
    }
    try {
      const sendAlone = () => super.process(options);
      return await (this.batching && isQueryOperation(options) ? this.readBatched(options, this.batching, signal, sendAlone) : sendAlone());
    } catch (error) {
      if (deadline && signal?.aborted) return this.failed(options, subgraphTimeoutError(this.subgraphName, deadline.timeoutMs));
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw error;
      const refused = refusedInput(error);
      if (refused) return this.failed(options, refused);
      const unavailable = new GraphQLError(`The ${this.subgraphName} subgraph is unavailable; try again shortly`, {
        extensions: { code: 'UNAVAILABLE', serviceName: this.subgraphName, reason: error instanceof Error ? error.message : String(error) },
      });
      return this.failed(options, unavailable);
    } finally {
      timer?.();
      if (token !== undefined) scopes.delete(token);
    }
  }

  /** A query's read through the cross-operation batching (fetch-batching.ts): merged with others', or sent alone. */
  private async readBatched(
    options: GraphQLDataSourceProcessOptions,
    batching: FetchBatching,
    signal: AbortSignal | undefined,
    sendAlone: () => Promise<GatewayGraphQLResponse>,
  ): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName } = options.request;
    // a read with a span of its own (a sampled trace) goes alone, so its subgraph's span is its child: one request
    // carries one traceparent, and a merged one carries an unsampled read's
    if (!query || this.#traceparents.has(options)) return sendAlone();
    const authorization = await this.identities.authorizationFor(FieldAuthorization.identityOf(options.context));
    const traceparent = traceparentOf(operationTraceContext(options.context));
    const read = {
      query,
      ...(variables ? { variables } : {}),
      ...(operationName ? { operationName } : {}),
      ...(authorization ? { authorization } : {}),
      ...(traceparent ? { traceparent } : {}),
      ...(signal ? { signal } : {}),
    };
    return batching.read(read, sendAlone, (result) => ({
      data: result.data,
      ...(result.errors?.length ? { errors: result.errors as GatewayGraphQLResponse['errors'] } : {}),
    }));
  }

  /**
   * Partial data: an entity fetch's fields fail where they are, and so do a root fetch's top-level fields; the rest of
   * the response stays. Requests that are not operations (schema loading, probes) get the error itself.
   */
  private failed(options: GraphQLDataSourceProcessOptions, error: GraphQLError): GatewayGraphQLResponse {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) throw error;
    const document = 'document' in options ? options.document : undefined;
    const formatted = { message: error.message, extensions: error.extensions };
    const errors = entityFetchErrors(options.request, document, formatted) ?? rootFetchErrors(options.request, document, formatted);
    if (errors && errors.length > 0) return { errors };
    throw error;
  }
}
