// The gateway as its own process: npm run start -w gateway
// Subscriptions read the bus chosen by BUS (memory|pulsar) and PULSAR_*; with BUS=memory they only see this process.
import { loadConfig, runUntilSignal } from '@alpes/platform';
import { connectBusFromEnvironment } from '@alpes/transactional-messaging';
import { gatewayConfigSchema, supergraphSourceOf } from './config.js';
import { startGateway } from './gateway-server.js';

await runUntilSignal('gateway', async () => {
  const config = loadConfig('gateway', gatewayConfigSchema);
  const bus = await connectBusFromEnvironment('gateway');
  const gateway = await startGateway({
    port: config.PORT,
    supergraph: supergraphSourceOf(config),
    bus,
    ...(config.COMMAND_STATUS_WINDOW_MS ? { commandStatusWindowMs: config.COMMAND_STATUS_WINDOW_MS } : {}),
  });
  return { stop: () => gateway.close().finally(() => bus.close()) };
});
