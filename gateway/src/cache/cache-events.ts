import { EVENT_TOPICS } from '@alpes/contracts';
import type { Logger } from '@alpes/platform';
import type { EventHub, EventSink } from '../subscriptions/event-hub.js';
import { entitiesOfEvent } from './event-entities.js';
import type { FetchCache } from './fetch-cache.js';

const RETRY_MS = 2_000;
const CONNECTION_CHECK_MS = 1_000;

/**
 * Feeds the cache every domain event of this gateway instance's hub. The hub holds one non-durable reader per event
 * topic per instance (a Pulsar reader, never a shared subscription), so every instance sees every event and
 * invalidates its own cache. The cache observes the hub (EventHub.observe) ahead of the subscribers, so an event is
 * invalidated before any client gets it (read your events). The cache serves only while the hub reads all the event
 * topics and the bus is connected; it is emptied whenever that stops. Resolves once the first attempt to read is done.
 */
export async function invalidateFromEvents(hub: EventHub, cache: FetchCache, bus: { isConnected(): boolean }, logger: Logger): Promise<() => void> {
  const stopObserving = hub.observe((event) => cache.invalidate(entitiesOfEvent(event.envelope)));
  let stopped = false;
  let reading = false;
  let retry: NodeJS.Timeout | undefined;
  // keeps every event topic's shared reader open, whether or not a client subscribes; takes nothing itself
  const keepReading: EventSink = {
    accepts: () => false,
    push: () => undefined,
    close: () => {
      reading = false;
      cache.setServing(false);
    },
  };
  const join = async () => {
    try {
      await Promise.all(EVENT_TOPICS.map((topic) => hub.join(topic, keepReading)));
      reading = !stopped;
      cache.setServing(reading && bus.isConnected());
    } catch (error) {
      if (stopped) return;
      logger.warn({ reason: String(error) }, `gateway cache: cannot read the event topics yet; the cache stays off, retrying in ${RETRY_MS} ms`);
      retry = setTimeout(() => void join(), RETRY_MS).unref();
    }
  };
  await join();
  const check = setInterval(() => cache.setServing(reading && !stopped && bus.isConnected()), CONNECTION_CHECK_MS).unref();
  return () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(check);
    stopObserving();
    cache.setServing(false);
  };
}
