import { z } from '@alpes/platform';
import { DEFAULT_HYDRATION_BATCHING, type HydrationBatchOptions } from './hydration-batcher.js';

/**
 * How subscription hydrations are batched into gateway operations (hydration-batcher.ts), shared by the gateway process
 * (config.ts) and npm start (scripts/start-all.ts). README "Configuration".
 */
export const hydrationBatchFields = {
  /**
   * HYDRATION_BATCH_MAX_WAIT_MS (default 180): under a steady event stream, the longest an event waits for others to
   * share its hydration operation; an isolated event waits 2 ms.
   */
  HYDRATION_BATCH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(5_000).default(DEFAULT_HYDRATION_BATCHING.maxWaitMs),
  /** HYDRATION_BATCH_TARGET_ENTITIES (default 6): events a steady stream gathers per operation before it runs, within the wait. */
  HYDRATION_BATCH_TARGET_ENTITIES: z.coerce.number().int().min(1).max(50).default(DEFAULT_HYDRATION_BATCHING.targetEntities),
  /**
   * HYDRATION_BATCH_INTERVAL_MS (unset by default: the adaptive window above): a fixed least time between two
   * hydration operations of one authorization partition instead; 0: only what arrives while one is in flight waits.
   */
  HYDRATION_BATCH_INTERVAL_MS: z.coerce.number().int().min(0).max(5_000).optional(),
};

type HydrationBatchConfig = z.infer<z.ZodObject<typeof hydrationBatchFields>>;

/** startGateway's `hydrationBatching` from the environment. */
export function hydrationBatchingOf(config: HydrationBatchConfig): { hydrationBatching: HydrationBatchOptions } {
  return {
    hydrationBatching: {
      maxWaitMs: config.HYDRATION_BATCH_MAX_WAIT_MS,
      targetEntities: config.HYDRATION_BATCH_TARGET_ENTITIES,
      ...(config.HYDRATION_BATCH_INTERVAL_MS === undefined ? {} : { intervalMs: config.HYDRATION_BATCH_INTERVAL_MS }),
    },
  };
}
