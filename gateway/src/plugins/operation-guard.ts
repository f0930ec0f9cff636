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
  #measures = new BoundedLru<string, OperationMeasures>(2_000);
  /** Estimated costs per document and variables (short ones): the same query with the same variables costs the same. */
  #costs = new BoundedLru<string, number>(2_000);

  constructor(readonly settings: OperationGuardSettings) {}

  updateSupergraph(coreSupergraphSdl: string): void {
    this.#directives = readCostDirectives(coreSupergraphSdl);
    this.#costs = new BoundedLru(2_000); // costs follow the supergraph's @cost and @listSize
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
    const cached = key === undefined ? undefined : this.#costs.get(key);
    if (cached !== undefined) return cached;
    const cost = this.estimate(operation);
    if (key !== undefined) this.#costs.set(key, cost);
    return cost;
  }

  #measuresOf(operation: GuardedOperation): OperationMeasures | undefined {
    const key = operation.cacheKey === undefined ? undefined : `${operation.cacheKey}\n${operation.operationName ?? ''}`;
    const cached = key === undefined ? undefined : this.#measures.get(key);
    if (cached) return cached;
    const measures = measureOperation(operation.document, operation.operationName);
    if (measures && key !== undefined) this.#measures.set(key, measures);
    return measures;
  }
}

/** Variables longer than this (as JSON) are costed every time rather than kept as part of a cache key. */
const MAX_CACHED_VARIABLES_LENGTH = 512;

function costKeyOf({ cacheKey, operationName, variables }: GuardedOperation): string | undefined {
  if (cacheKey === undefined) return undefined;
  const json = variables && Object.keys(variables).length > 0 ? JSON.stringify(variables) : '';
  return json.length > MAX_CACHED_VARIABLES_LENGTH ? undefined : `${cacheKey}\n${operationName ?? ''}\n${json}`;
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
