// The gateway as its own process: npm run start -w gateway
// Subscriptions read the bus chosen by BUS (memory|pulsar) and PULSAR_*; with BUS=memory they only see this process.
import { busConfigFromEnv, connectBusFromEnvironment } from '@alpes/messaging';
import { loadProcessConfig, runUntilSignal } from '@alpes/platform';
import { gatewayAuthEnvironmentProblems, gatewayAuthOf } from '@alpes/security';
import { gatewayConfigSchema, gatewaySettingsOf, supergraphSourceOf } from './config.js';
import { startGateway } from './gateway-server.js';

async function startFromEnvironment() {
  // Every problem of the environment (gateway, identity and bus settings) in one message.
  const config = loadProcessConfig('gateway', gatewayConfigSchema, [...busConfigFromEnv(process.env).problems, ...gatewayAuthEnvironmentProblems(process.env)]);
  const auth = gatewayAuthOf(config); // reads AUTH_PUBLIC_KEY_FILE: fails before anything is opened
  const bus = await connectBusFromEnvironment('gateway');
  const gateway = await startGateway({
    port: config.PORT,
    supergraph: supergraphSourceOf(config),
    auth,
    bus,
    ...gatewaySettingsOf(config),
  });
  return { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, stop: () => gateway.close().finally(() => bus.close()) };
}

// When tracing, the trace context travels with each request and event: no AsyncLocalStorage, whose promise hooks
// would cost every request, traced or not (startTracing's `explicit`).
await runUntilSignal('gateway', startFromEnvironment, { tracing: { context: 'explicit' } });
