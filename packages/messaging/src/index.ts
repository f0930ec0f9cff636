export * from './bus.js';
export { MemoryBus, type MemoryBusOptions } from './transports/memory.js';
export type { HandlerErrorListener } from './transports/memory/memory-consumer.js';
export {
  busConfigFromEnv,
  createBus,
  type CreateBusOptions,
  type BusConfig,
  type BusConfigResult,
  type MemoryBusConfig,
  type PulsarBusConfig,
  type PulsarClientKind,
} from './create-bus.js';
export { PulsarWebSocketBus, type PulsarWebSocketBusOptions } from './transports/pulsar-websocket.js';
export { loadPulsarClient, PulsarNativeBus, type PulsarNativeBusOptions } from './transports/pulsar-native.js';
export { SERVICE_BUS_OPTIONS, connectBusFromEnvironment } from './from-environment.js';
