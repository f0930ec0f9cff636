import { env, z } from '@alpes/platform';
import { DEFAULT_FETCH_BATCHING, type FetchBatchingSettings } from './fetch-batching.js';

/**
 * How the gateway sends its reads to the subgraphs, shared by the gateway process (config.ts) and npm start
 * (scripts/start-all.ts). README "Configuration".
 */
export const subgraphFetchFields = {
  /**
   * SUBGRAPH_DEDUP=true: identical subgraph reads in flight at the same time (same identity, query and variables) are
   * sent once and their answer shared (fetch-deduplication.ts). Off by default: a query may then get the answer of a
   * read that started before a write it follows.
   */
  SUBGRAPH_DEDUP: env.boolean(false),
  /**
   * SUBGRAPH_BATCHING (default true): while SUBGRAPH_MAX_IN_FLIGHT requests to a subgraph are on their way, the reads of
   * other operations wait and go together as one request, up to SUBGRAPH_BATCH_MAX_SIZE (fetch-batching.ts). Every
   * read still runs at the subgraph when it is sent; false sends each read on its own. A batch waits for a slot at most
   * SUBGRAPH_MAX_WAIT_MS, then goes on a slot of its own: a slow read delays the others by that much at most.
   */
  SUBGRAPH_BATCHING: env.boolean(true),
  SUBGRAPH_BATCH_MAX_SIZE: z.coerce.number().int().min(2).max(100).default(DEFAULT_FETCH_BATCHING.maxBatchSize),
  SUBGRAPH_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_FETCH_BATCHING.maxInFlight),
  SUBGRAPH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_FETCH_BATCHING.maxWaitMs),
};

type SubgraphFetchConfig = z.infer<z.ZodObject<typeof subgraphFetchFields>>;

/** startGateway's `subgraphDeduplication` and `subgraphBatching` from the environment. */
export function subgraphFetchSettingsOf(config: SubgraphFetchConfig): { subgraphDeduplication: boolean; subgraphBatching: FetchBatchingSettings | false } {
  return {
    subgraphDeduplication: config.SUBGRAPH_DEDUP,
    subgraphBatching: config.SUBGRAPH_BATCHING
      ? { maxBatchSize: config.SUBGRAPH_BATCH_MAX_SIZE, maxInFlight: config.SUBGRAPH_MAX_IN_FLIGHT, maxWaitMs: config.SUBGRAPH_MAX_WAIT_MS }
      : false,
  };
}
