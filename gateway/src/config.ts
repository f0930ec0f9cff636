import { env, shutdownTimeoutField, z } from '@alpes/platform';
import { authEnvironmentFields } from '@alpes/security';
import { cacheFields, cacheSettingsOf } from './cache/cache-config.js';
import { subgraphFetchFields, subgraphFetchSettingsOf } from './composition/subgraph-fetch-config.js';
import { hydrationBatchFields, hydrationBatchingOf } from './subscriptions/hydration-batch-config.js';
import type { SupergraphSource } from './composition/supergraph-source.js';
import type { GatewayOptions, GatewayRuntimeSettings } from './gateway-server.js';
import { DEFAULT_LIST_SIZE } from './plugins/cost-estimate.js';
import { DEFAULT_OPERATION_LIMITS } from './plugins/limit-errors.js';
import { DEFAULT_RATE_LIMIT_KEY_PREFIX } from './plugins/rate-limit.js';

/**
 * Operation safety settings (README "Security: operation limits"), shared by the gateway process and npm start.
 * Rate limits, the request deadline, CORS, the variables' nesting.
 */
export const operationSafetyFields = {
  /** Tokens per second in each client's bucket (a client: its token's `sub`, else its IP); 0 turns rate limiting off. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).default(50),
  /** Requests a client may send at once (the bucket's size); raised to RATE_LIMIT_PER_SECOND when lower. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(100),
  /** redis://…: gateway instances on this Redis share each client's budget; unset: each instance counts in memory. */
  RATE_LIMIT_REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  /** Prefix of the rate-limit keys in Redis: instances share a budget when they share the prefix. */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default(DEFAULT_RATE_LIMIT_KEY_PREFIX),
  /** The deadline of an operation's whole query plan; subgraph fetches get the time left, then TIMEOUT. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Comma-separated browser origins allowed by CORS (e.g. https://app.example.com); unset: same-origin only. */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ error: 'each origin must be a URL such as https://app.example.com' }))),
  /** How deep a request's `variables` JSON may nest (VARIABLES_TOO_DEEP beyond). */
  LIMIT_MAX_VARIABLES_DEPTH: z.coerce.number().int().min(1).max(1_000).default(32),
  /** Command fields one mutation request may select (MAX_ROOT_FIELDS_LIMIT beyond): each command gets its own answer. */
  LIMIT_MAX_MUTATION_COMMANDS: z.coerce.number().int().min(1).max(100).default(1),
};

type OperationSafetyConfig = z.infer<z.ZodObject<typeof operationSafetyFields>>;

/** The startGateway options the operation safety settings give. */
export function operationSafetyOf(
  config: OperationSafetyConfig,
): Pick<GatewayOptions, 'rateLimit' | 'requestTimeoutMs' | 'corsOrigins' | 'maxVariablesDepth' | 'maxCommandsPerMutation'> {
  return {
    maxCommandsPerMutation: config.LIMIT_MAX_MUTATION_COMMANDS,
    rateLimit: {
      perSecond: config.RATE_LIMIT_PER_SECOND,
      burst: config.RATE_LIMIT_BURST,
      keyPrefix: config.RATE_LIMIT_KEY_PREFIX,
      ...(config.RATE_LIMIT_REDIS_URL ? { redisUrl: config.RATE_LIMIT_REDIS_URL } : {}),
    },
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    corsOrigins: config.CORS_ORIGINS.map((origin) => new URL(origin).origin),
    maxVariablesDepth: config.LIMIT_MAX_VARIABLES_DEPTH,
  };
}

/** The gateway process's environment: a port plus either a supergraph file (production) or subgraph URLs (development). */
export const gatewayConfigSchema = z
  .object({
    PORT: env.port(4000),
    SUPERGRAPH_FILE: z.string().min(1).optional(),
    AFILIADOS_URL: z.url().default('http://localhost:4001/graphql'),
    CONVERSIONES_URL: z.url().default('http://localhost:4002/graphql'),
    MARKETING_URL: z.url().default('http://localhost:4003/graphql'),
    SUPERGRAPH_POLL_INTERVAL_MS: z.coerce.number().int().min(1000).optional(),
    /** How far back comando(correlationId) knows commands (default 15 min). */
    COMMAND_STATUS_WINDOW_MS: z.coerce.number().int().min(60_000).optional(),
    /** GraphiQL on GET /graphql for browsers (served offline); PLAYGROUND=false turns it off. */
    PLAYGROUND: env.boolean(true),
    /** Schema introspection on /graphql and in the playground; unset: on, except under NODE_ENV=production (Apollo's default). */
    INTROSPECTION: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1')),
    /** Bound on graceful shutdown (default 20 s). */
    SHUTDOWN_TIMEOUT_MS: shutdownTimeoutField(),
    /** Operation limits (README "Security: operation limits"): checked before planning and at subscribe time. */
    LIMIT_MAX_DEPTH: z.coerce.number().int().min(1).default(DEFAULT_OPERATION_LIMITS.maxDepth),
    LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_OPERATION_LIMITS.maxAliases),
    LIMIT_MAX_ROOT_FIELDS: z.coerce.number().int().min(1).default(DEFAULT_OPERATION_LIMITS.maxRootFields),
    LIMIT_MAX_TOKENS: z.coerce.number().int().min(100).default(DEFAULT_OPERATION_LIMITS.maxTokens),
    LIMIT_MAX_COST: z.coerce.number().int().min(1).default(DEFAULT_OPERATION_LIMITS.maxCost),
    /** Size the cost estimate assumes for a list with no `first`, slicing argument or @listSize assumedSize. */
    LIMIT_DEFAULT_LIST_SIZE: z.coerce.number().int().min(1).default(DEFAULT_LIST_SIZE),
    /** LIMITS_ENABLED=false turns every operation limit and the cost analysis off (a benchmark baseline, never production). */
    LIMITS_ENABLED: env.boolean(true),
    /** HYDRATION_BATCH_MAX_WAIT_MS, HYDRATION_BATCH_TARGET_ENTITIES, HYDRATION_BATCH_INTERVAL_MS: subscriptions/hydration-batch-config.ts. */
    ...hydrationBatchFields,
    /** CACHE, CACHE_MAX_MB, CACHE_TTL_S, CACHE_RESPONSES, CACHE_RESPONSES_MAX_MB: the gateway cache (cache/cache-config.ts); off by default. */
    ...cacheFields,
    ...subgraphFetchFields,
    /** AUTH_JWKS_URL | AUTH_PUBLIC_KEY_FILE | AUTH_JWT_SECRET, AUTH_ISSUER, AUTH_AUDIENCE, …: see @alpes/security. */
    ...authEnvironmentFields,
    ...operationSafetyFields,
    // Security: trusted documents and automatic persisted queries (README "Security: operation limits").
    /** off (default: every document runs) | allow-unlisted (runs and logs documents not in the manifest) | enforce. */
    TRUSTED_DOCUMENTS: z.enum(['off', 'allow-unlisted', 'enforce']).default('off'),
    /** client-preset's persisted-documents.json (e2e/src/gql/persisted-documents.json): sha256 id → document. */
    TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).optional(),
    /** Bound of the automatic persisted queries store, in bytes of query text. */
    APQ_CACHE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(8 * 1024 * 1024),
    // Security: graphql-ws limits.
    WS_MAX_PAYLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(100),
    WS_MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(1).default(20),
    WS_CONNECTION_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
    /** 0 turns pings off. */
    WS_PING_INTERVAL_MS: z.coerce.number().int().min(0).default(12_000),
    WS_MAX_BUFFERED_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
  })
  .refine((config) => config.TRUSTED_DOCUMENTS === 'off' || config.TRUSTED_DOCUMENTS_MANIFEST !== undefined, {
    message: 'TRUSTED_DOCUMENTS=enforce or allow-unlisted needs TRUSTED_DOCUMENTS_MANIFEST (the persisted-documents.json that npm run codegen writes)',
    path: ['TRUSTED_DOCUMENTS_MANIFEST'],
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export function supergraphSourceOf(config: GatewayConfig): SupergraphSource {
  if (config.SUPERGRAPH_FILE) return { kind: 'file', path: config.SUPERGRAPH_FILE };
  return {
    kind: 'subgraphs',
    subgraphs: [
      { name: 'afiliados', url: config.AFILIADOS_URL },
      { name: 'conversiones', url: config.CONVERSIONES_URL },
      { name: 'marketing', url: config.MARKETING_URL },
    ],
    ...(config.SUPERGRAPH_POLL_INTERVAL_MS ? { pollIntervalMs: config.SUPERGRAPH_POLL_INTERVAL_MS } : {}),
  };
}

/** The startGateway options this environment sets besides the port, the supergraph and the bus (main.ts; tested alone). */
export function gatewaySettingsOf(
  config: GatewayConfig,
): GatewayRuntimeSettings &
  Pick<
    GatewayOptions,
    'playground' | 'introspection' | 'commandStatusWindowMs' | 'operationLimits' | 'trustedDocuments' | 'persistedQueriesMaxBytes' | 'websocketLimits'
  > {
  return {
    ...operationSafetyOf(config),
    ...cacheSettingsOf(config),
    ...subgraphFetchSettingsOf(config),
    ...hydrationBatchingOf(config),
    trustedDocuments: { mode: config.TRUSTED_DOCUMENTS, ...(config.TRUSTED_DOCUMENTS_MANIFEST ? { manifestFile: config.TRUSTED_DOCUMENTS_MANIFEST } : {}) },
    persistedQueriesMaxBytes: config.APQ_CACHE_MAX_BYTES,
    websocketLimits: {
      maxPayloadBytes: config.WS_MAX_PAYLOAD_BYTES,
      maxSubscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxConnectionsPerClient: config.WS_MAX_CONNECTIONS_PER_CLIENT,
      connectionInitTimeoutMs: config.WS_CONNECTION_INIT_TIMEOUT_MS,
      pingIntervalMs: config.WS_PING_INTERVAL_MS,
      maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
    },
    playground: config.PLAYGROUND,
    operationLimits: config.LIMITS_ENABLED
      ? {
          maxDepth: config.LIMIT_MAX_DEPTH,
          maxAliases: config.LIMIT_MAX_ALIASES,
          maxRootFields: config.LIMIT_MAX_ROOT_FIELDS,
          maxTokens: config.LIMIT_MAX_TOKENS,
          maxCost: config.LIMIT_MAX_COST,
          defaultListSize: config.LIMIT_DEFAULT_LIST_SIZE,
        }
      : false,
    ...(config.INTROSPECTION === undefined ? {} : { introspection: config.INTROSPECTION }),
    ...(config.COMMAND_STATUS_WINDOW_MS ? { commandStatusWindowMs: config.COMMAND_STATUS_WINDOW_MS } : {}),
  };
}
