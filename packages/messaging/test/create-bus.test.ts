import { describe, expect, it } from 'vitest';
import { busConfigFromEnv, createBus, loadPulsarClient, MemoryBus, PulsarWebSocketBus } from '../src/index.js';

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

  it('PULSAR_CLIENT=websocket creates the WebSocket transport, even while no broker answers', async () => {
    const { config } = busConfigFromEnv({ BUS: 'pulsar', PULSAR_CLIENT: 'websocket', PULSAR_WEB_URL: 'http://127.0.0.1:9' });
    const bus = await createBus(config);
    expect(bus).toBeInstanceOf(PulsarWebSocketBus);
    expect(bus.isConnected()).toBe(false);
    await bus.close();
  });

  it('PULSAR_CLIENT=auto uses the native client when it loads, else WebSocket; native says why it cannot load', async () => {
    const loaded = await loadPulsarClient();
    const env = { BUS: 'pulsar', PULSAR_WEB_URL: 'http://127.0.0.1:9', PULSAR_SERVICE_URL: 'pulsar://127.0.0.1:9' };
    const auto = await createBus(busConfigFromEnv({ ...env, PULSAR_CLIENT: 'auto' }).config);
    expect(auto instanceof PulsarWebSocketBus).toBe(!loaded.ok);
    await auto.close();
    if (!loaded.ok) {
      await expect(createBus(busConfigFromEnv({ ...env, PULSAR_CLIENT: 'native' }).config)).rejects.toThrow(
        /^PULSAR_CLIENT=native: pulsar-client \(native addon\) could not be loaded: .+PULSAR_CLIENT=websocket/,
      );
    }
  });
});
