import { z } from '@alpes/platform';
import type { FetchCacheSettings } from './fetch-cache.js';
import type { ResponseCacheSettings } from './response-cache.js';

/**
 * The gateway cache's environment, shared by the gateway process (config.ts) and npm start (scripts/start-all.ts).
 * Why these defaults: README "Gateway cache".
 */
export const cacheFields = {
  /** on: subgraph fetch results of queries are cached and dropped by the domain events this instance reads. */
  CACHE: z.enum(['on', 'off']).default('off'),
  /** Bound of the cached answers in MiB (least recently used go first). */
  CACHE_MAX_MB: z.coerce.number().int().min(1).max(65_536).default(64),
  /** Safety net: no cached answer is served after this many seconds, event or not. */
  CACHE_TTL_S: z.coerce.number().int().min(1).max(86_400).default(300),
  /** on (with CACHE=on): whole answers of queries cached too, in front of Apollo Server, dropped by the same events. */
  CACHE_RESPONSES: z.enum(['on', 'off']).default('on'),
  /** Bound of the cached whole answers in MiB (least recently used go first). */
  CACHE_RESPONSES_MAX_MB: z.coerce.number().int().min(1).max(65_536).default(16),
};

type CacheConfig = z.infer<z.ZodObject<typeof cacheFields>>;

/** `{ cache, responseCache }` for startGateway when CACHE=on (`responseCache` unless CACHE_RESPONSES=off); nothing when off. */
export function cacheSettingsOf(config: CacheConfig): { cache?: FetchCacheSettings; responseCache?: ResponseCacheSettings } {
  if (config.CACHE !== 'on') return {};
  const ttlMs = config.CACHE_TTL_S * 1000;
  const cache = { maxBytes: config.CACHE_MAX_MB * 1024 * 1024, ttlMs };
  return config.CACHE_RESPONSES === 'on' ? { cache, responseCache: { maxBytes: config.CACHE_RESPONSES_MAX_MB * 1024 * 1024, ttlMs } } : { cache };
}
