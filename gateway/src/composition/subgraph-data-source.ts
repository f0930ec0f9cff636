import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// the enum lives in a module @apollo/gateway does not re-export; no "exports" map forbids the path
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { GATEWAY_SERVICE, type SubgraphIdentitySigner } from '@alpes/security';
import type { Histogram } from 'prom-client';
import { FieldAuthorization } from '../plugins/field-authorization.js';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { deadlineOf, subgraphTimeoutError } from '../plugins/request-deadline.js';
import { entityFetchErrors, rootFetchErrors } from './entity-fetch-errors.js';
import type { FetchDeduplication } from './fetch-deduplication.js';
import { fetchSubgraph } from './subgraph-fetcher.js';

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
const fetchScope = new AsyncLocalStorage<FetchScope>();

/** RemoteGraphQLDataSource's fetcher: a pooled keep-alive POST (subgraph-fetcher.ts), shared with identical reads when allowed. */
function scopedFetch(url: string, init: { headers: Record<string, string>; body: string }) {
  const scope = fetchScope.getStore();
  const request = { url, headers: init.headers, body: init.body, ...(scope?.signal ? { signal: scope.signal } : {}) };
  return scope?.deduplication ? scope.deduplication.fetch(request) : fetchSubgraph(request);
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
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly identities: SubgraphIdentitySigner,
    private readonly fetchDuration?: Histogram<'subgraph'>,
    private readonly deduplication?: FetchDeduplication,
  ) {
    super({ url, fetcher: scopedFetch as never });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // composition's schema requests already carry the gateway's own identity (introspectionHeaders)
    if (options.kind === GraphQLDataSourceRequestKind.LOADING_SCHEMA) return;
    const identity = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? FieldAuthorization.identityOf(options.context) : GATEWAY_SERVICE;
    const authorization = await this.identities.authorizationFor(identity);
    headers.delete('authorization');
    if (authorization) headers.set('authorization', authorization);
  }

  /** Each fetch of an operation gets the time left before its deadline (REQUEST_TIMEOUT_MS); none left: TIMEOUT at once. */
  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const timer = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? this.fetchDuration?.startTimer({ subgraph: this.subgraphName }) : undefined;
    const deadline = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? deadlineOf(options.context) : undefined;
    const left = deadline ? deadline.at - Date.now() : undefined;
    if (deadline && left !== undefined && left <= 0) return this.failed(options, subgraphTimeoutError(this.subgraphName, deadline.timeoutMs));
    const signal = left === undefined ? undefined : AbortSignal.timeout(left);
    const deduplication = this.deduplication && isQueryOperation(options) ? this.deduplication : undefined;
    try {
      return await (signal || deduplication ? fetchScope.run({ ...(signal ? { signal } : {}), ...(deduplication ? { deduplication } : {}) }, () => super.process(options)) : super.process(options));
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
    }
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
