// Choosing the bus from the environment: the one place a process (gateway, subgraph, npm start) turns BUS and PULSAR_*
// into a connected transport.
import { BATCHABLE_TOPICS } from '@alpes/contracts';
import type { Bus } from './bus.js';
import { busConfigFromEnv, createBus, type CreateBusOptions } from './create-bus.js';
import { ConfigurationError, createLogger } from '@alpes/platform';

/** How every service process tunes its bus: producer batching on the topics where it is safe. */
export const SERVICE_BUS_OPTIONS: CreateBusOptions = { batchedTopics: BATCHABLE_TOPICS };

/** The bus a service process uses, chosen by BUS (memory|pulsar) and the PULSAR_* settings; invalid settings stop the process. */
export async function connectBusFromEnvironment(service: string, env: NodeJS.ProcessEnv = process.env): Promise<Bus> {
  const { config, problems } = busConfigFromEnv(env);
  if (problems.length > 0) throw new ConfigurationError(service, problems);
  if (config.transport === 'memory') {
    createLogger(service).warn('BUS=memory: the in-process bus reaches only this process; run every service on one bus with BUS=pulsar');
  }
  return createBus(config, SERVICE_BUS_OPTIONS);
}
