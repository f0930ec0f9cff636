// A Pulsar namespace of its own for one stack, on a broker that must be running (npm run pulsar:start).
import { randomBytes } from 'node:crypto';

export const PULSAR_WEB_URL = process.env.PULSAR_WEB_URL?.trim() || 'http://localhost:8080';
export const PULSAR_SERVICE_URL = process.env.PULSAR_SERVICE_URL?.trim() || 'pulsar://localhost:6650';

/** Throws unless the broker's health endpoint answers (npm run pulsar:start). */
export async function assertBrokerReachable(webUrl = PULSAR_WEB_URL): Promise<void> {
  try {
    const response = await fetch(`${webUrl}/admin/v2/brokers/health`, { signal: AbortSignal.timeout(10_000) });
    if (response.ok) return;
    throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(`Pulsar broker not reachable at ${webUrl} (${error instanceof Error ? error.message : error}): start it with npm run pulsar:start`);
  }
}

/**
 * A namespace of its own (public/<name>) for one stack: its durable subscriptions (marketing-campanas…) and topics
 * are shared with no other test or engineer using the same broker.
 */
export async function createPulsarNamespace(webUrl = PULSAR_WEB_URL, prefix = 'e2e'): Promise<{ namespace: string; remove(): Promise<void> }> {
  const namespace = `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const base = `${webUrl}/admin/v2`;
  const created = await fetch(`${base}/namespaces/public/${namespace}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`cannot create Pulsar namespace public/${namespace}: HTTP ${created.status} ${await created.text()}`);
  return {
    namespace,
    async remove() {
      // The broker refuses to force-delete a namespace (forceDeleteNamespaceAllowed=false): its topics first.
      try {
        const topics = (await (await fetch(`${base}/namespaces/public/${namespace}/topics`)).json()) as string[];
        for (const topic of topics) {
          const path = topic.replace('://', '/');
          await fetch(`${base}/${path}?force=true`, { method: 'DELETE' });
        }
        const removed = await fetch(`${base}/namespaces/public/${namespace}`, { method: 'DELETE' });
        if (!removed.ok) console.warn(`Pulsar namespace public/${namespace} left behind: HTTP ${removed.status} ${await removed.text()}`);
      } catch (error) {
        console.warn(`Pulsar namespace public/${namespace} left behind: ${error instanceof Error ? error.message : error}`);
      }
    },
  };
}
