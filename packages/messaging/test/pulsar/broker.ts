/**
 * Helpers for the *.pulsar.test.ts files: they run against a real broker at PULSAR_WEB_URL
 * (default http://localhost:8080; start it with `npm run pulsar:start`).
 */
import { randomUUID } from 'node:crypto';

export const PULSAR_WEB_URL = process.env.PULSAR_WEB_URL?.trim() || 'http://localhost:8080';
export const PULSAR_SERVICE_URL = process.env.PULSAR_SERVICE_URL?.trim() || 'pulsar://localhost:6650';

/** Throws "Pulsar broker not reachable at …" unless GET /admin/v2/brokers/health answers 200. */
export async function assertBrokerReachable(webUrl = PULSAR_WEB_URL): Promise<void> {
  const url = `${webUrl.replace(/\/+$/, '')}/admin/v2/brokers/health`;
  let problem: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    if (response.ok) return;
    problem = `HTTP ${response.status}`;
  } catch (error) {
    problem = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  }
  throw new Error(`Pulsar broker not reachable at ${webUrl} (${url}: ${problem}): start it with npm run pulsar:start`);
}

/** A name no other test (or earlier run against this persistent broker) has used. */
export function brokerTestName(purpose: string): string {
  return `it-${purpose}-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
}

/** A durable subscription's backlog and unacknowledged messages as the broker counts them (topic in public/default). */
export async function subscriptionStats(topic: string, subscription: string, webUrl = PULSAR_WEB_URL): Promise<{ msgBacklog: number; unackedMessages: number } | undefined> {
  const response = await fetch(`${webUrl.replace(/\/+$/, '')}/admin/v2/persistent/public/default/${topic}/stats`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`topic stats of ${topic}: HTTP ${response.status} ${await response.text()}`);
  const stats = (await response.json()) as { subscriptions?: Record<string, { msgBacklog: number; unackedMessages: number }> };
  return stats.subscriptions?.[subscription];
}
