import { describe, expect, it } from 'vitest';
import { busConfigFromEnv, createBus, MemoryBus } from '../src/index.js';

describe('busConfigFromEnv', () => {
  it('defaults to the memory transport', () => {
    expect(busConfigFromEnv({})).toEqual({ config: { transport: 'memory' }, problems: [] });
    expect(busConfigFromEnv({ BUS: '  ' })).toEqual({ config: { transport: 'memory' }, problems: [] });
  });

  it('reads the Pulsar settings with their defaults', () => {
    expect(busConfigFromEnv({ BUS: 'pulsar' })).toEqual({
      config: {
        transport: 'pulsar',
        webUrl: 'http://localhost:8080',
        serviceUrl: 'pulsar://localhost:6650',
        tenant: 'public',
        namespace: 'default',
        client: 'auto',
      },
      problems: [],
    });
    const { config, problems } = busConfigFromEnv({
      BUS: 'pulsar',
      PULSAR_WEB_URL: 'https://pulsar.internal:8443',
      PULSAR_SERVICE_URL: 'pulsar+ssl://pulsar.internal:6651',
      PULSAR_TENANT: 'alpes',
      PULSAR_NAMESPACE: 'events',
      PULSAR_CLIENT: 'native',
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      transport: 'pulsar',
      webUrl: 'https://pulsar.internal:8443',
      serviceUrl: 'pulsar+ssl://pulsar.internal:6651',
      tenant: 'alpes',
      namespace: 'events',
      client: 'native',
    });
  });

  it('lists every invalid value', () => {
    expect(busConfigFromEnv({ BUS: 'kafka' }).problems).toEqual(['BUS: must be one of memory, pulsar (got "kafka")']);
    const { problems } = busConfigFromEnv({
      BUS: 'pulsar',
      PULSAR_WEB_URL: 'localhost:8080',
      PULSAR_SERVICE_URL: 'http://localhost:6650',
      PULSAR_TENANT: 'a/b',
      PULSAR_NAMESPACE: 'x y',
      PULSAR_CLIENT: 'java',
    });
    expect(problems).toHaveLength(5);
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'PULSAR_WEB_URL',
      'PULSAR_SERVICE_URL',
      'PULSAR_TENANT',
      'PULSAR_NAMESPACE',
      'PULSAR_CLIENT',
    ]);
  });
});

describe('createBus', () => {
  it('creates a MemoryBus for the memory transport', async () => {
    const bus = await createBus({ transport: 'memory' });
    expect(bus).toBeInstanceOf(MemoryBus);
    await bus.close();
  });

  it('refuses pulsar clearly until the Pulsar transport exists', async () => {
    const { config } = busConfigFromEnv({ BUS: 'pulsar' });
    await expect(createBus(config)).rejects.toThrow('BUS=pulsar: the Pulsar transport is not available yet');
  });
});
