import { busConfigFromEnv, createBus, type Bus } from '@alpes/messaging';
import { ConfigurationError, createLogger } from '@alpes/platform';

/** The bus a service process uses, chosen by BUS (memory|pulsar) and the PULSAR_* settings; invalid settings stop the process. */
export async function connectBusFromEnvironment(service: string, env: NodeJS.ProcessEnv = process.env): Promise<Bus> {
  const { config, problems } = busConfigFromEnv(env);
  if (problems.length > 0) throw new ConfigurationError(service, problems);
  if (config.transport === 'memory') {
    createLogger(service).warn('BUS=memory: the in-process bus reaches only this process; run every service on one bus with BUS=pulsar');
  }
  return createBus(config);
}
