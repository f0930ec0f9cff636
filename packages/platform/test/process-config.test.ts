import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadProcessConfig, subgraphProcessConfigSchema } from '../src/index.js';

describe('the subgraph process configuration', () => {
  const schema = subgraphProcessConfigSchema('marketing', 4003);

  it('applies the defaults: PORT, MIGRATE_ON_START=false, SHUTDOWN_TIMEOUT_MS=20000', () => {
    expect(loadProcessConfig('marketing', schema, [], { MARKETING_DATABASE_URL: 'postgresql://db/marketing' })).toEqual({
      PORT: 4003,
      MARKETING_DATABASE_URL: 'postgresql://db/marketing',
      MIGRATE_ON_START: false,
      SHUTDOWN_TIMEOUT_MS: 20_000,
    });
  });

  it("reports the schema's problems and the other checks' (e.g. the bus) in one ConfigurationError", () => {
    try {
      loadProcessConfig('marketing', schema, ['BUS: must be one of memory, pulsar (got "kafka")'], { PORT: 'abc', SHUTDOWN_TIMEOUT_MS: '0' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems.map((problem) => problem.split(':')[0])).toEqual([
        'PORT',
        'MARKETING_DATABASE_URL',
        'SHUTDOWN_TIMEOUT_MS',
        'BUS',
      ]);
      expect((error as Error).message.split('\n')[0]).toBe('marketing: invalid configuration');
    }
  });

  it('fails on problems of the other checks alone', () => {
    expect(() =>
      loadProcessConfig('marketing', schema, ['PULSAR_CLIENT: must be one of auto, websocket, native'], { MARKETING_DATABASE_URL: 'postgres://db/m' }),
    ).toThrow(/PULSAR_CLIENT/);
  });
});
