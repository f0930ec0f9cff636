import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { getOperationAST, GraphQLError, parse, print, type DocumentNode } from 'graphql';
import { ANONYMOUS, AuthorizationRules, placeDeniedNulls, removeDeniedFields, scopeView, type FilteredDocument, type Identity } from '@alpes/security';
import { BoundedLru } from '../subscriptions/bounded-lru.js';
import type { GatewayContext } from './authentication.js';

interface CachedFilter extends FilteredDocument {
  /** The query plan cache key of the filtered document: plans are shared by identities with the same scopes. */
  queryHash: string;
}

/**
 * Federation's @authenticated and @requiresScopes, enforced as Apollo Router does, before the query is planned:
 * every field the caller may not read is removed from the operation, the rest is planned and executed, and each
 * removed field is answered null with FORBIDDEN (or UNAUTHENTICATED) at its own path. A denied mutation never runs;
 * a denied field never reaches a subgraph. The rules come from the composed supergraph (every subgraph's SDL) and
 * from the gateway's own subscription SDL. Filtered documents are cached per query and scope set.
 */
export class FieldAuthorization {
  #rules = AuthorizationRules.fromDocuments();
  /**
   * Filtered documents per document, then per operation name and scope set. Keyed by the DocumentNode Apollo's document
   * store hands back for the same query: a WeakMap read per request, not a string key built from the queryHash.
   */
  #filters = new WeakMap<DocumentNode, BoundedLru<string, CachedFilter>>();

  constructor(private readonly gatewaySdl: readonly DocumentNode[] = []) {}

  get rules(): AuthorizationRules {
    return this.#rules;
  }

  /** New rules with every new supergraph; cached filters belonged to the old one. */
  updateSupergraph(coreSupergraphSdl: string): void {
    this.#rules = AuthorizationRules.fromDocuments(parse(coreSupergraphSdl), ...this.gatewaySdl);
    this.#filters = new WeakMap();
  }

  /** The identity an operation runs under (anonymous when the context has none, e.g. Apollo's own calls). */
  static identityOf(context: unknown): Identity {
    return (context as Partial<GatewayContext> | undefined)?.identity ?? ANONYMOUS;
  }

  async execute(context: GatewayGraphQLRequestContext, executor: GatewayExecutor) {
    if (!context.document) return executor(context);
    const identity = FieldAuthorization.identityOf(context.context);
    let filters = this.#filters.get(context.document);
    if (!filters) this.#filters.set(context.document, (filters = new BoundedLru(FILTERS_PER_DOCUMENT)));
    const key = `${context.operationName ?? ''}\n${scopeView(identity)}`;
    let filtered = filters.get(key);
    if (!filtered) {
      const result = removeDeniedFields(context.schema, context.document, this.#rules, identity);
      const queryHash = result.denied.size === 0 ? context.queryHash : createHash('sha256').update(print(result.document)).digest('hex');
      filtered = { ...result, queryHash };
      filters.set(key, filtered);
    }
    if (filtered.denied.size === 0) return executor(context);

    const operation = getOperationAST(filtered.document, context.operationName ?? undefined) ?? undefined;
    const result = await executor({ ...context, document: filtered.document, queryHash: filtered.queryHash, ...(operation ? { operation } : {}) });
    const placed = placeDeniedNulls({
      schema: context.schema,
      document: context.document,
      operationName: context.operationName,
      variables: context.request.variables,
      data: result.data,
      denied: filtered.denied,
    });
    const denied = placed.errors.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }));
    return { ...result, ...(result.data === undefined ? {} : { data: placed.data ?? null }), errors: [...denied, ...(result.errors ?? [])] };
  }
}

/** Operation names × scope sets kept per document (the least recently used go). */
const FILTERS_PER_DOCUMENT = 64;

/** The gateway as Apollo Server sees it, with field authorization around its executor. */
export function authorizingGateway(gateway: ApolloGateway, authorization: FieldAuthorization): GatewayInterface {
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => authorization.updateSupergraph(coreSupergraphSdl));
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      const { executor } = loaded;
      return { ...loaded, executor: executor ? (context) => authorization.execute(context, executor) : null };
    },
  };
}
