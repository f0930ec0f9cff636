import { GraphQLError } from 'graphql';

/** The limits an operation is held to, before it is planned (gateway) or subscribed (graphql-ws). */
export interface OperationLimits {
  /** Deepest field nesting, fragments expanded (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields, fragments expanded (a fragment spread three times counts its aliases three times). */
  maxAliases: number;
  /** Fields selected at the operation's root, fragments expanded. */
  maxRootFields: number;
  /** Lexical tokens of the document, counted by graphql-js's parser as it reads (parse option maxTokens). */
  maxTokens: number;
  /** Static estimated cost (Apollo demand control: @cost, @listSize). */
  maxCost: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 10,
  maxTokens: 5_000,
  maxCost: 5_000,
};

/** Error codes of the rejections, Apollo Router's where it has one. */
export const LIMIT_ERROR_CODES = {
  depth: 'MAX_DEPTH_LIMIT',
  aliases: 'MAX_ALIASES_LIMIT',
  rootFields: 'MAX_ROOT_FIELDS_LIMIT',
  tokens: 'MAX_TOKENS_LIMIT',
  cost: 'COST_ESTIMATED_TOO_EXPENSIVE',
} as const;

const CODES: ReadonlySet<unknown> = new Set(Object.values(LIMIT_ERROR_CODES));

export function isLimitErrorCode(code: unknown): boolean {
  return CODES.has(code);
}

export type MeasuredLimit = keyof typeof LIMIT_ERROR_CODES;

const LIMIT_KEYS: Record<MeasuredLimit, keyof OperationLimits> = {
  depth: 'maxDepth',
  aliases: 'maxAliases',
  rootFields: 'maxRootFields',
  tokens: 'maxTokens',
  cost: 'maxCost',
};

const WHAT: Record<MeasuredLimit, string> = {
  depth: 'is nested too deeply: depth',
  aliases: 'uses too many aliases:',
  rootFields: 'selects too many root fields:',
  tokens: 'is too long:',
  cost: 'is estimated too expensive: cost',
};

/**
 * A rejection as a GraphQL error: `extensions.code`, the measured value and the limit, e.g.
 * `{ code: 'MAX_DEPTH_LIMIT', depth: 12, maxDepth: 10 }`; HTTP 400 (Apollo strips extensions.http from the answer).
 */
export function limitExceededError(limit: MeasuredLimit, measured: number, limits: OperationLimits): GraphQLError {
  const maxKey = LIMIT_KEYS[limit];
  const max = limits[maxKey];
  const unit = limit === 'tokens' ? ' tokens' : '';
  return new GraphQLError(
    `The operation ${WHAT[limit]} ${measured}${unit}, over the limit of ${max}${unit}. Ask for less (smaller first, fewer nested lists or fields).`,
    {
      extensions: { code: LIMIT_ERROR_CODES[limit], [limit]: measured, [maxKey]: max, http: { status: 400 } },
    },
  );
}
