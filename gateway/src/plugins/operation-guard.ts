import { Lexer, Source, TokenKind, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { BoundedLru } from '../subscriptions/bounded-lru.js';
import { NO_COST_DIRECTIVES, readCostDirectives, type CostDirectives } from './cost-directives.js';
import { estimateCost } from './cost-estimate.js';
import { limitExceededError, type OperationLimits } from './limit-errors.js';
import { measureOperation, type OperationMeasures } from './operation-limits.js';

export interface OperationGuardSettings extends OperationLimits {
  /** Size assumed for a list with no `first`, slicing argument or @listSize assumedSize (the connection default). */
  defaultListSize: number;
}

export interface GuardedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>> | null;
  /** Identifies the document (Apollo's queryHash): its static measures are cached under it. */
  cacheKey?: string;
}

/**
 * Holds an operation to the static limits (depth, aliases, root fields) and the demand-control budget (estimated
 * cost), before it is planned or subscribed. The cost directives come from the supergraph (updateSupergraph).
 * Tokens are limited earlier, by the parser (maxTokens); tokenLimitError turns its abort into the same kind of error.
 */
export class OperationGuard {
  #directives: CostDirectives = NO_COST_DIRECTIVES;
  /**
   * Static measures per document and operation name. Keyed by the DocumentNode itself: Apollo's document store hands
   * back the same object for the same query, so a lookup is a WeakMap read, not a string key of the 64-character
   * queryHash built and hashed per request; an entry goes with its document.
   */
  #measures = new WeakMap<DocumentNode, Map<string, OperationMeasures>>();
  /** Estimated costs per document, operation name and variables (short ones): the same query with the same variables costs the same. */
  #costs = new WeakMap<DocumentNode, BoundedLru<string, number>>();

  constructor(readonly settings: OperationGuardSettings) {}

  updateSupergraph(coreSupergraphSdl: string): void {
    this.#directives = readCostDirectives(coreSupergraphSdl);
    this.#costs = new WeakMap(); // costs follow the supergraph's @cost and @listSize
  }

  get directives(): CostDirectives {
    return this.#directives;
  }

  /** The first limit the operation exceeds, as a GraphQL error; undefined when it may run. */
  check(operation: GuardedOperation): GraphQLError | undefined {
    const { settings } = this;
    const measures = this.#measuresOf(operation);
    if (!measures) return undefined;
    if (measures.depth > settings.maxDepth) return limitExceededError('depth', measures.depth, settings);
    if (measures.aliases > settings.maxAliases) return limitExceededError('aliases', measures.aliases, settings);
    if (measures.rootFields > settings.maxRootFields) return limitExceededError('rootFields', measures.rootFields, settings);
    const cost = this.#costOf(operation);
    if (cost > settings.maxCost) return limitExceededError('cost', cost, settings);
    return undefined;
  }

  estimate(operation: GuardedOperation): number {
    return estimateCost({ ...operation, directives: this.#directives, defaultListSize: this.settings.defaultListSize });
  }

  /** The parser's "Document contains more than N tokens" as MAX_TOKENS_LIMIT, with the document's token count. */
  tokenLimitError(query: string): GraphQLError {
    return limitExceededError('tokens', countTokens(query), this.settings);
  }

  #costOf(operation: GuardedOperation): number {
    const key = costKeyOf(operation);
    let costs = key === undefined ? undefined : this.#costs.get(operation.document);
    const cached = key === undefined ? undefined : costs?.get(key);
    if (cached !== undefined) return cached;
    const cost = this.estimate(operation);
    if (key !== undefined) {
      if (!costs) this.#costs.set(operation.document, (costs = new BoundedLru(COSTS_PER_DOCUMENT)));
      costs.set(key, cost);
    }
    return cost;
  }

  /** Only for a document Apollo identifies (cacheKey): one it keeps in its document store. */
  #measuresOf(operation: GuardedOperation): OperationMeasures | undefined {
    const name = operation.operationName ?? '';
    let measures = operation.cacheKey === undefined ? undefined : this.#measures.get(operation.document);
    const cached = measures?.get(name);
    if (cached) return cached;
    const measured = measureOperation(operation.document, operation.operationName);
    if (measured && operation.cacheKey !== undefined) {
      if (!measures) this.#measures.set(operation.document, (measures = new Map()));
      measures.set(name, measured);
    }
    return measured;
  }
}

/** Variable sets whose cost is kept per document (the least recently used go). */
const COSTS_PER_DOCUMENT = 64;

/** Variables longer than this (as JSON) are costed every time rather than kept as part of a cache key. */
const MAX_CACHED_VARIABLES_LENGTH = 512;

function costKeyOf({ cacheKey, operationName, variables }: GuardedOperation): string | undefined {
  if (cacheKey === undefined) return undefined;
  const json = variables && Object.keys(variables).length > 0 ? JSON.stringify(variables) : '';
  return json.length > MAX_CACHED_VARIABLES_LENGTH ? undefined : `${operationName ?? ''}\n${json}`;
}

/** graphql-js's message when parse({ maxTokens }) stops reading. */
export function isTokenLimitError(error: unknown): boolean {
  return error instanceof Error && /Document contains more (?:than|that) \d+ tokens/.test(error.message);
}

/** Tokens as graphql-js's parser counts them (comments excluded), up to where the lexer stops. */
export function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // a lexical error ends the count: what was read so far
  }
  return count;
}
