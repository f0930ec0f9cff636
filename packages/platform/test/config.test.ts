import { describe, expect, it } from 'vitest';
import { ConfigurationError, env, loadConfig, z } from '../src/index.js';

const schema = z.object({ PORT: env.port(4000), DATABASE_URL: env.postgresUrl(), FLAG: env.boolean(false) });

describe('configuration', () => {
  it('applies defaults and coerces values', () => {
    expect(loadConfig('svc', schema, { DATABASE_URL: 'postgresql://localhost/db', FLAG: 'true' })).toEqual({
      PORT: 4000,
      DATABASE_URL: 'postgresql://localhost/db',
      FLAG: true,
    });
  });

  it('lists every problem in one message', () => {
    try {
      loadConfig('svc', schema, { PORT: 'abc', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems).toHaveLength(2);
      expect((error as Error).message).toMatch(/PORT:/);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    }
  });
});
