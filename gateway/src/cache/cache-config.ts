import { z } from '@alpes/platform';
import type { FetchCacheSettings } from './fetch-cache.js';

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
};

type CacheConfig = z.infer<z.ZodObject<typeof cacheFields>>;

/** `{ cache }` for startGateway when CACHE=on; nothing when off. */
export function cacheSettingsOf(config: CacheConfig): { cache?: FetchCacheSettings } {
  return config.CACHE === 'on' ? { cache: { maxBytes: config.CACHE_MAX_MB * 1024 * 1024, ttlMs: config.CACHE_TTL_S * 1000 } } : {};
}
