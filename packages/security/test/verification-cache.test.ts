import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VerificationCache } from '../src/verification-cache.js';

const HOUR_MS = 3_600_000;

describe('VerificationCache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('verifies a token once and answers from memory until its time is up', async () => {
    const cache = new VerificationCache<string>(10, 60_000);
    const verify = vi.fn(async () => 'identity');
    const expiresAt = () => Date.now() + HOUR_MS;
    expect(await cache.get('token', verify, expiresAt)).toBe('identity');
    expect(await cache.get('token', verify, expiresAt)).toBe('identity');
    expect(verify).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 60_001);
    await cache.get('token', verify, expiresAt);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('lets go of tokens nobody sends again, without any lookup (clients that disconnected)', async () => {
    const cache = new VerificationCache<string>(10_000, 60_000);
    for (let index = 0; index < 1_000; index += 1)
      await cache.get(
        `token-${index}`,
        async () => `identity-${index}`,
        () => Date.now() + HOUR_MS,
      );
    expect(cache.size).toBe(1_000);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(cache.size).toBe(1_000);
    await vi.advanceTimersByTimeAsync(16_000); // past 60 s and the next sweep (every 15 s)
    expect(cache.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0); // an empty cache leaves no timer behind
  });

  it('sweeps an entry at its token expiry when that comes before maxAgeMs', async () => {
    const cache = new VerificationCache<string>(10, 60_000);
    await cache.get(
      'short',
      async () => 'a',
      () => Date.now() + 5_000,
    );
    await cache.get(
      'long',
      async () => 'b',
      () => Date.now() + HOUR_MS,
    );
    await vi.advanceTimersByTimeAsync(15_000);
    expect(cache.size).toBe(1);
  });

  it('keeps at most `capacity` tokens, the oldest going first', async () => {
    const cache = new VerificationCache<string>(2, 60_000);
    const verify = vi.fn(async () => 'identity');
    for (const token of ['a', 'b', 'c']) await cache.get(token, verify, () => Date.now() + HOUR_MS);
    expect(cache.size).toBe(2);
    await cache.get('a', verify, () => Date.now() + HOUR_MS);
    expect(verify).toHaveBeenCalledTimes(4);
  });

  it('never keeps a token that is already expired', async () => {
    const cache = new VerificationCache<string>(10, 60_000);
    await cache.get(
      'expired',
      async () => 'identity',
      () => Date.now() - 1,
    );
    expect(cache.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
