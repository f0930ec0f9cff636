/**
 * Support for the *.pulsar.test.ts scenarios: the system on a REAL Apache Pulsar broker (npm run pulsar:start),
 * with BUS=pulsar semantics. Topics are the seed's names in persistent://<tenant>/<namespace>/ (public/default).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { BATCHABLE_TOPICS, TOPICS } from '@alpes/contracts';
import { busConfigFromEnv, createBus, PulsarNativeBus, PulsarWebSocketBus, type Bus, type PulsarBusConfig } from '@alpes/messaging';
import { PULSAR_CLIENT_UNDER_TEST } from './pulsar-client.js';

/** BUS=pulsar on the transport under test (PULSAR_CLIENT), with the PULSAR_* variables of this process (defaults: localhost, public/default). */
export function pulsarBusConfig(): PulsarBusConfig {
  const { config, problems } = busConfigFromEnv({ ...process.env, BUS: 'pulsar', PULSAR_CLIENT: PULSAR_CLIENT_UNDER_TEST });
  if (problems.length > 0 || config.transport !== 'pulsar') throw new Error(`invalid Pulsar settings: ${problems.join('; ')}`);
  return config;
}

export const PULSAR = pulsarBusConfig();
const ADMIN = `${PULSAR.webUrl.replace(/\/+$/, '')}/admin/v2`;
const NAMESPACE_PATH = `persistent/${PULSAR.tenant}/${PULSAR.namespace}`;

/** Fails with "Pulsar broker not reachable …: start it with npm run pulsar:start" unless the health check answers 200. */
export async function assertBrokerReachable(): Promise<void> {
  const url = `${ADMIN}/brokers/health`;
  let problem: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    if (response.ok) return;
    problem = `HTTP ${response.status}`;
  } catch (error) {
    problem = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  }
  throw new Error(`Pulsar broker not reachable at ${PULSAR.webUrl} (${url}: ${problem}): start it with npm run pulsar:start`);
}

export async function brokerIsHealthy(): Promise<boolean> {
  return assertBrokerReachable().then(
    () => true,
    () => false,
  );
}

/**
 * What a service gets with BUS=pulsar and the PULSAR_CLIENT under test (connectBusFromEnvironment): a
 * PulsarWebSocketBus or a PulsarNativeBus.
 */
export async function connectPulsarBus(): Promise<Bus> {
  const bus = await createBus(PULSAR, { batchedTopics: BATCHABLE_TOPICS });
  const expected = PULSAR_CLIENT_UNDER_TEST === 'native' ? PulsarNativeBus : PulsarWebSocketBus;
  if (!(bus instanceof expected)) throw new Error(`expected a ${expected.name}, got ${bus.constructor.name}`);
  if (!bus.isConnected()) {
    await bus.close();
    throw new Error(`Pulsar broker not reachable at ${PULSAR.webUrl}: start it with npm run pulsar:start`);
  }
  return bus;
}

const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(`../../../../scripts/pulsar/${name}.mjs`, import.meta.url));

/** npm run pulsar:stop / pulsar:start, as the messaging suite does it (stop: SIGTERM, graceful). */
export async function broker(action: 'start' | 'stop'): Promise<void> {
  await run(process.execPath, [script(action)], { timeout: 240_000 });
}

/** Full names of the topics of public/default on the broker (admin REST). */
export async function topicsOnBroker(): Promise<string[]> {
  const response = await fetch(`${ADMIN}/${NAMESPACE_PATH}`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${ADMIN}/${NAMESPACE_PATH} answered HTTP ${response.status}`);
  return (await response.json()) as string[];
}

export const topicName = (topic: string) => `persistent://${PULSAR.tenant}/${PULSAR.namespace}/${topic}`;

interface TopicStats {
  subscriptions: Record<string, { isDurable?: boolean; consumers?: unknown[]; msgBacklog?: number }>;
}

async function topicStats(topic: string): Promise<TopicStats | undefined> {
  const response = await fetch(`${ADMIN}/${NAMESPACE_PATH}/${encodeURIComponent(topic)}/stats`, { signal: AbortSignal.timeout(10_000) });
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) throw new Error(`stats of ${topic} answered HTTP ${response.status}`);
  return (await response.json()) as TopicStats;
}

/** Durable subscriptions of the seed topics that have consumers connected right now ("topic/subscription: n"). */
async function consumedSubscriptions(): Promise<string[]> {
  const busy: string[] = [];
  for (const topic of Object.values(TOPICS)) {
    const stats = await topicStats(topic);
    for (const [name, subscription] of Object.entries(stats?.subscriptions ?? {})) {
      if (subscription.isDurable !== false && (subscription.consumers?.length ?? 0) > 0) busy.push(`${topic}/${name}: ${subscription.consumers!.length} consumer(s)`);
    }
  }
  return busy;
}

/**
 * Prepares the broker for a fresh stack:
 * 1. No other stack may be consuming the seed topics: the services' durable subscriptions have fixed names
 *    (marketing-campanas, …), so two stacks on one broker namespace share them and take each other's commands
 *    (a command would be applied to the other stack's database). Waits up to 20 s (a previous file's stack closing),
 *    then fails naming the busy subscriptions.
 * 2. The broker outlives every test stack, but each stack has FRESH databases: messages a previous stack left
 *    unacknowledged would be applied to this stack's databases. Like deploying on a fresh database, the durable
 *    subscriptions start at the end of their topics (admin `skip_all`); they stay (created at the earliest once).
 */
export async function prepareSeedTopics(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (let busy = await consumedSubscriptions(); busy.length > 0; busy = await consumedSubscriptions()) {
    if (Date.now() > deadline) {
      throw new Error(
        `another stack is consuming the seed topics on ${PULSAR.webUrl} (${busy.join('; ')}): the Pulsar scenarios need ` +
          `persistent://${PULSAR.tenant}/${PULSAR.namespace} to themselves; run them when nothing else uses the broker`,
      );
    }
    await sleep(500);
  }
  for (const topic of Object.values(TOPICS)) {
    const stats = await topicStats(topic);
    for (const [name, subscription] of Object.entries(stats?.subscriptions ?? {})) {
      if (subscription.isDurable === false || (subscription.msgBacklog ?? 0) === 0) continue;
      const url = `${ADMIN}/${NAMESPACE_PATH}/${encodeURIComponent(topic)}/subscription/${encodeURIComponent(name)}/skip_all`;
      const skipped = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      await skipped.body?.cancel();
      if (!skipped.ok) throw new Error(`POST ${url} answered HTTP ${skipped.status}`);
    }
  }
}

/** Unacknowledged messages of a durable subscription (admin topic stats). */
export async function subscriptionBacklog(topic: string, subscription: string): Promise<number> {
  return (await topicStats(topic))?.subscriptions[subscription]?.msgBacklog ?? 0;
}

/** One SQL statement on its own connection (a subgraph database of the stack, through stack.databaseUrls). */
 
export async function sql<Row = Record<string, any>>(databaseUrl: string, text: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** A connection kept open by the test (to hold a lock across steps). */
export async function openConnection(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls an async condition every 100 ms; fails with `what` (and the last state) after timeoutMs. */
export async function eventually<T>(what: string, probe: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

/** The probe's value once it has not changed for `quietMs` (polled every 100 ms); fails after timeoutMs. */
export async function stableValue<T>(probe: () => Promise<T>, quietMs: number, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for a stable value; last: ${JSON.stringify(value)}`);
    await sleep(100);
    const next = await probe();
    if (JSON.stringify(next) !== JSON.stringify(value)) [value, since] = [next, Date.now()];
  }
  return value;
}
