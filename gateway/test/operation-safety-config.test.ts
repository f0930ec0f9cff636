// The operation safety settings of gateway/src/config.ts: defaults, validation, and what startGateway receives.
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema, gatewaySettingsOf } from '../src/config.js';
import { jsonDepth } from '../src/plugins/variables-limit.js';
import { withoutSuggestions } from '../src/plugins/production-errors.js';
import { rateLimitKeyOf } from '../src/plugins/rate-limit.js';

const base = { AUTH_JWT_SECRET: 'x'.repeat(40) };

describe('operation safety settings', () => {
  it('defaults: 50/s with bursts of 100 in memory, a 10 s deadline, no CORS origin, variables 32 deep', () => {
    const settings = gatewaySettingsOf(gatewayConfigSchema.parse(base));
    expect(settings).toMatchObject({
      rateLimit: { perSecond: 50, burst: 100, keyPrefix: 'alpes:rate' },
      requestTimeoutMs: 10_000,
      corsOrigins: [],
      maxVariablesDepth: 32,
    });
    expect(settings.rateLimit?.redisUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const settings = gatewaySettingsOf(
      gatewayConfigSchema.parse({
        ...base,
        RATE_LIMIT_PER_SECOND: '5',
        RATE_LIMIT_BURST: '7',
        RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379',
        RATE_LIMIT_KEY_PREFIX: 'p',
        REQUEST_TIMEOUT_MS: '2500',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/',
        LIMIT_MAX_VARIABLES_DEPTH: '8',
      }),
    );
    expect(settings).toMatchObject({
      rateLimit: { perSecond: 5, burst: 7, redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'p' },
      requestTimeoutMs: 2500,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      maxVariablesDepth: 8,
    });
  });

  it('refuses invalid values, naming each variable', () => {
    const result = gatewayConfigSchema.safeParse({
      ...base,
      RATE_LIMIT_PER_SECOND: '-1',
      RATE_LIMIT_REDIS_URL: 'http://redis',
      REQUEST_TIMEOUT_MS: 'soon',
      CORS_ORIGINS: 'not an origin',
    });
    expect(result.success).toBe(false);
    const variables = result.error!.issues.map((issue) => String(issue.path[0]));
    expect(variables).toEqual(expect.arrayContaining(['RATE_LIMIT_PER_SECOND', 'RATE_LIMIT_REDIS_URL', 'REQUEST_TIMEOUT_MS', 'CORS_ORIGINS']));
  });
});

describe('helpers', () => {
  it('jsonDepth measures without recursion, even 100,000 levels', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(jsonDepth(deep)).toBe(100_000);
    expect(jsonDepth(deep, 32)).toBe(33); // stops at the first level past the limit
    expect(jsonDepth({ a: { b: 1 } }, 32)).toBe(2);
  });

  it('withoutSuggestions drops graphql-js hints', () => {
    expect(withoutSuggestions('Cannot query field "nombr" on type "Afiliado". Did you mean "nombre"?')).toBe('Cannot query field "nombr" on type "Afiliado".');
    expect(withoutSuggestions('Unknown argument "frist" on field "Query.afiliados". Did you mean "first"?')).toBe(
      'Unknown argument "frist" on field "Query.afiliados".',
    );
  });

  it('a client is its token sub, else its address', () => {
    expect(rateLimitKeyOf({ kind: 'user', sub: 'ana', scopes: new Set(), afiliadoId: null, expiresAt: new Date() }, '10.0.0.1')).toBe('sub:ana');
    expect(rateLimitKeyOf({ kind: 'anonymous' }, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(rateLimitKeyOf(undefined, undefined)).toBe('ip:unknown');
  });
});
