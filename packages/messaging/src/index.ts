export * from './bus.js';
export { MemoryBus, type MemoryBusOptions } from './transports/memory/memory-bus.js';
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
export { PulsarWebSocketBus, type PulsarWebSocketBusOptions } from './transports/pulsar-websocket/pulsar-websocket-bus.js';
export { loadPulsarClient, PulsarNativeBus, type PulsarNativeBusOptions } from './transports/pulsar-native/pulsar-native-bus.js';
export { SERVICE_BUS_OPTIONS, connectBusFromEnvironment } from './from-environment.js';
