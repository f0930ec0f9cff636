// The gateway as its own process: npm run start -w gateway
import { loadConfig, runUntilSignal } from '@alpes/platform';
import { gatewayConfigSchema, supergraphSourceOf } from './config.js';
import { startGateway } from './gateway-server.js';

await runUntilSignal('gateway', async () => {
  const config = loadConfig('gateway', gatewayConfigSchema);
  const gateway = await startGateway({ port: config.PORT, supergraph: supergraphSourceOf(config) });
  return { stop: () => gateway.close() };
});
