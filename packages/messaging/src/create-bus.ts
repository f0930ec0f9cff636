import type { Bus } from './bus.js';
import { MemoryBus, type MemoryBusOptions } from './transports/memory/memory-bus.js';
import { loadPulsarClient, PulsarNativeBus, type PulsarNativeBusOptions } from './transports/pulsar-native/pulsar-native-bus.js';
import { PulsarWebSocketBus, type PulsarWebSocketBusOptions } from './transports/pulsar-websocket/pulsar-websocket-bus.js';

/** Which Pulsar client the Pulsar transport uses: the WebSocket API, the native pulsar-client, or pick (auto). */
export type PulsarClientKind = 'auto' | 'websocket' | 'native';

export interface MemoryBusConfig {
  transport: 'memory';
}

export interface PulsarBusConfig {
  transport: 'pulsar';
  /** Broker HTTP endpoint (admin REST + WebSocket API), e.g. http://localhost:8080. */
  webUrl: string;
  /** Broker binary-protocol endpoint for the native client, e.g. pulsar://localhost:6650. */
  serviceUrl: string;
  tenant: string;
  namespace: string;
  client: PulsarClientKind;
}

export type BusConfig = MemoryBusConfig | PulsarBusConfig;

export interface BusConfigResult {
  /** Always a usable, fully-defaulted config; when `problems` is not empty it must not be used. */
  config: BusConfig;
  /** One line per invalid variable, `NAME: what is wrong (got "value")`. */
  problems: string[];
}

const DEFAULTS = {
  webUrl: 'http://localhost:8080',
  serviceUrl: 'pulsar://localhost:6650',
  tenant: 'public',
  namespace: 'default',
  client: 'auto',
} as const;

const PULSAR_NAME = /^[A-Za-z0-9_.=-]+$/;

/**
 * Reads the bus configuration from environment variables (empty values count as unset):
 * BUS (memory | pulsar, default memory), and for BUS=pulsar PULSAR_WEB_URL (default http://localhost:8080),
 * PULSAR_SERVICE_URL (default pulsar://localhost:6650), PULSAR_TENANT (public), PULSAR_NAMESPACE (default),
 * PULSAR_CLIENT (auto | websocket | native, default auto). Never throws: invalid values are listed in `problems`.
 */
export function busConfigFromEnv(env: Record<string, string | undefined> = process.env): BusConfigResult {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = read(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    return fallback;
  };
  const matching = (name: string, pattern: RegExp, expected: string, fallback: string): string => {
    const value = read(name);
    if (value === undefined) return fallback;
    if (pattern.test(value)) return value;
    problems.push(`${name}: must be ${expected} (got ${JSON.stringify(value)})`);
    return fallback;
  };

  const transport = oneOf('BUS', ['memory', 'pulsar'], 'memory');
  if (transport === 'memory') return { config: { transport }, problems };
  const config: PulsarBusConfig = {
    transport,
    webUrl: matching('PULSAR_WEB_URL', /^https?:\/\/[^\s/]+(\/\S*)?$/, 'an http:// or https:// URL', DEFAULTS.webUrl),
    serviceUrl: matching('PULSAR_SERVICE_URL', /^pulsar(\+ssl)?:\/\/[^\s/]+(\/\S*)?$/, 'a pulsar:// or pulsar+ssl:// URL', DEFAULTS.serviceUrl),
    tenant: matching('PULSAR_TENANT', PULSAR_NAME, 'a Pulsar name (letters, digits, _ . = -)', DEFAULTS.tenant),
    namespace: matching('PULSAR_NAMESPACE', PULSAR_NAME, 'a Pulsar name (letters, digits, _ . = -)', DEFAULTS.namespace),
    client: oneOf('PULSAR_CLIENT', ['auto', 'websocket', 'native'], DEFAULTS.client),
  };
  return { config, problems };
}

/** Tuning passed to the transport createBus picks (connection settings come from the config). */
export interface CreateBusOptions {
  /** For either Pulsar transport: see PulsarWebSocketBusOptions.batchedTopics (the memory bus has nothing to batch). */
  batchedTopics?: readonly string[];
  memory?: MemoryBusOptions;
  pulsarWebSocket?: Omit<PulsarWebSocketBusOptions, 'webUrl' | 'tenant' | 'namespace'>;
  pulsarNative?: Omit<PulsarNativeBusOptions, 'webUrl' | 'serviceUrl' | 'tenant' | 'namespace'>;
}

/**
 * Creates the configured Bus transport:
 * - `memory`: the in-process MemoryBus;
 * - `pulsar` with client `websocket`: the WebSocket API transport (always available);
 * - `pulsar` with client `native`: the native `pulsar-client` addon; rejects with an Error saying why when it
 *   cannot be loaded (it is an optionalDependency whose install needs a prebuilt binary);
 * - `pulsar` with client `auto`: native when the addon loads, else WebSocket.
 * A Pulsar bus is returned even while the broker is down: isConnected() tells, and its sockets keep reconnecting.
 */
export async function createBus(config: BusConfig, options: CreateBusOptions = {}): Promise<Bus> {
  switch (config.transport) {
    case 'memory':
      return new MemoryBus(options.memory);
    case 'pulsar':
      return createPulsarBus(config, options);
    default: {
      const unknown: never = config;
      throw new Error(`unknown bus transport ${JSON.stringify((unknown as { transport?: unknown }).transport)}`);
    }
  }
}

async function createPulsarBus(config: PulsarBusConfig, options: CreateBusOptions): Promise<Bus> {
  const { webUrl, serviceUrl, tenant, namespace } = config;
  const webSocket = async () => {
    const bus = new PulsarWebSocketBus({ batchedTopics: options.batchedTopics, ...options.pulsarWebSocket, webUrl, tenant, namespace });
    await bus.ready();
    return bus;
  };
  const native = () => PulsarNativeBus.create({ batchedTopics: options.batchedTopics, ...options.pulsarNative, webUrl, serviceUrl, tenant, namespace });
  switch (config.client) {
    case 'websocket':
      return webSocket();
    case 'native': {
      const loaded = await loadPulsarClient();
      if (!loaded.ok) {
        throw new Error(
          `PULSAR_CLIENT=native: ${loaded.reason}. Install it (npm install pulsar-client@1.18.0 downloads a prebuilt binary) ` +
            'or set PULSAR_CLIENT=websocket (or auto) to use the WebSocket API',
        );
      }
      return native();
    }
    case 'auto':
      return (await loadPulsarClient()).ok ? native() : webSocket();
    default: {
      const unknown: never = config.client;
      throw new Error(`unknown PULSAR_CLIENT ${JSON.stringify(unknown)}`);
    }
  }
}
