import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '@alpes/platform';
import type { Identity } from '@alpes/security';

export interface RateLimitSettings {
  /** Tokens added to each client's bucket every second (RATE_LIMIT_PER_SECOND). */
  perSecond: number;
  /** What a client may send at once (RATE_LIMIT_BURST); raised to perSecond when lower. */
  burst: number;
  /** redis://…: every gateway instance on this Redis shares each client's bucket (RATE_LIMIT_REDIS_URL). */
  redisUrl?: string;
  /** Prefix of the keys in Redis (RATE_LIMIT_KEY_PREFIX); instances share a budget only with the same prefix. */
  keyPrefix?: string;
}

export const DEFAULT_RATE_LIMIT_KEY_PREFIX = 'alpes:rate';

/**
 * Who a request is counted as: the verified token's `sub` when there is one, the caller's IP address otherwise
 * (anonymous calls, and tokens that do not verify). The address is the TCP peer's: behind a proxy, set the limits
 * at the proxy or give each client a token.
 */
export function rateLimitKeyOf(identity: Identity | undefined, remoteAddress: string | undefined): string {
  if (identity?.kind === 'user') return `sub:${identity.sub}`;
  return `ip:${remoteAddress ?? 'unknown'}`;
}

/**
 * A token bucket per client, built from rate-limiter-flexible's BurstyRateLimiter (its documented bucket with a burst):
 * `perSecond` tokens each second, plus a reserve of `burst − perSecond` that refills every ⌈burst / perSecond⌉ s.
 * A client may send `burst` requests at once, then `perSecond` a second.
 *
 * With a Redis URL the buckets live in Redis (atomic Lua, shared by every gateway instance). When Redis cannot be
 * reached the gateway does not fail open and does not refuse service: each instance falls back to its own in-memory
 * buckets (rate-limiter-flexible's insuranceLimiter) and logs a warning, at most once a minute, until Redis answers.
 */
export class GatewayRateLimiter {
  private readonly limiter: BurstyRateLimiter;
  private readonly redis: Redis | undefined;
  private lastRedisWarning = 0;

  constructor(
    readonly settings: RateLimitSettings,
    private readonly logger: Logger,
  ) {
    const perSecond = settings.perSecond;
    const burst = Math.max(settings.burst, perSecond);
    const prefix = settings.keyPrefix ?? DEFAULT_RATE_LIMIT_KEY_PREFIX;
    const reserve = { points: Math.max(burst - perSecond, 0), duration: Math.max(1, Math.ceil(burst / perSecond)) };
    const steady = { points: perSecond, duration: 1 };
    if (settings.redisUrl) {
      // No offline queue: while Redis is down a command fails at once (and the in-memory insurance answers) instead of waiting.
      this.redis = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: false });
      this.redis.on('error', (error: Error) => this.warnRedis(error));
      const insured = (options: { points: number; duration: number }, keyPrefix: string): RateLimiterAbstract =>
        new RateLimiterRedis({
          ...options,
          keyPrefix,
          storeClient: this.redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ ...options, keyPrefix }),
        });
      this.limiter = new BurstyRateLimiter(insured(steady, `${prefix}:steady`), insured(reserve, `${prefix}:burst`));
    } else {
      this.limiter = new BurstyRateLimiter(
        new RateLimiterMemory({ ...steady, keyPrefix: `${prefix}:steady` }),
        new RateLimiterMemory({ ...reserve, keyPrefix: `${prefix}:burst` }),
      );
    }
  }

  /** Takes one token from the caller's bucket, or throws RATE_LIMITED (HTTP 429 with Retry-After). */
  async admit(key: string): Promise<void> {
    try {
      await this.limiter.consume(key, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimitedError(rejection.msBeforeNext, this.settings);
      // neither Redis nor the insurance answered: an error of ours, never a reason to refuse the client
      this.logger.error({ err: rejection }, 'rate limiter failed; request admitted');
    }
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  private warnRedis(error: Error): void {
    if (Date.now() - this.lastRedisWarning < 60_000) return;
    this.lastRedisWarning = Date.now();
    this.logger.warn({ reason: error.message }, 'rate limit: Redis unreachable; each gateway instance counts on its own until it answers');
  }
}

export function rateLimitedError(msBeforeNext: number, settings: RateLimitSettings): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GraphQLError(
    `Too many requests: at most ${settings.perSecond} per second (bursts of ${Math.max(settings.burst, settings.perSecond)}); retry in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        limit: { perSecond: settings.perSecond, burst: Math.max(settings.burst, settings.perSecond) },
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}
