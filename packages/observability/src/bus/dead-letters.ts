import type { Bus, DeliveredMessage } from '@alpes/messaging';
import type { BusStats } from './bus-stats.js';
import { DEAD_LETTER_PROPERTIES, deadLetterTopicOf, DLQ_REPLAY_SUBSCRIPTION } from './observed-bus.js';

/** One dead-lettered message, as `npm run dlq -- list` shows it. */
export interface DeadLetter {
  /** Its id on the dead-letter topic. */
  messageId: string;
  /** Its id on the topic it came from. */
  originMessageId: string | null;
  /** The envelope's own id (what the inbox deduplicates on) and type, when the body parses. */
  envelopeId: string | null;
  type: string | null;
  key: string;
  topic: string;
  subscription: string | null;
  error: string | null;
  deadLetteredAt: string | null;
}

export interface DeadLetterToolOptions {
  /** How long to wait for the dead-letter topic's messages after the last one arrived (default 2 000 ms). */
  quietMs?: number;
}

/** The dead-lettered messages of `topic` not replayed yet, oldest first; nothing is changed. */
export async function listDeadLetters(bus: Bus, stats: BusStats | undefined, topic: string, options: DeadLetterToolOptions = {}): Promise<DeadLetter[]> {
  const letters = await withPendingDeadLetters(bus, stats, topic, options, () => false);
  return letters.map(({ letter }) => letter);
}

/**
 * Puts dead-lettered messages of `topic` back on it (all, or the one whose message id, origin message id or
 * envelope id is `id`) with their key, body and original properties, and acknowledges them on the dead-letter
 * topic. A replayed command or event is applied once: the worker's inbox deduplicates on the envelope id.
 */
export async function replayDeadLetters(
  bus: Bus,
  stats: BusStats | undefined,
  topic: string,
  options: DeadLetterToolOptions & { id?: string } = {},
): Promise<DeadLetter[]> {
  const matches = (letter: DeadLetter) => options.id === undefined || [letter.messageId, letter.originMessageId, letter.envelopeId].includes(options.id);
  const letters = await withPendingDeadLetters(bus, stats, topic, options, matches, async ({ letter, message }) => {
    await bus.publish(letter.topic, { key: message.key, body: message.body, properties: originalProperties(message.properties) });
  });
  return letters.filter(({ replayed }) => replayed).map(({ letter }) => letter);
}

interface Pending {
  letter: DeadLetter;
  message: DeliveredMessage;
  settle: (ack: boolean) => void;
  replayed: boolean;
}

/**
 * Reads every pending message of the dead-letter topic on the `dlq-replay` subscription (expecting the backlog
 * the stats report, else until quiet), then acknowledges the selected ones after `replay` succeeded and leaves
 * the others pending (negative acknowledgement).
 */
async function withPendingDeadLetters(
  bus: Bus,
  stats: BusStats | undefined,
  topic: string,
  options: DeadLetterToolOptions,
  selected: (letter: DeadLetter) => boolean,
  replay?: (pending: Pending) => Promise<void>,
): Promise<Pending[]> {
  const deadLetterTopic = deadLetterTopicOf(topic);
  const expected = await stats?.backlog(deadLetterTopic, DLQ_REPLAY_SUBSCRIPTION, { createAtEarliest: true });
  if (expected === 0) return [];
  const quietMs = options.quietMs ?? 2_000;
  const pending: Pending[] = [];
  const seen = new Set<string>();
  let wake: () => void = () => {};
  const consumer = await bus.consume({
    topic: deadLetterTopic,
    subscription: DLQ_REPLAY_SUBSCRIPTION,
    mode: 'shared',
    initialPosition: 'earliest',
    maxInFlight: Math.max(expected ?? 0, 100) + 10,
    redeliveryDelayMs: 1_000,
    handler: (message) =>
      new Promise<void>((resolve, reject) => {
        if (seen.has(message.messageId)) return reject(new Error('already listed')); // a redelivery while we wait
        seen.add(message.messageId);
        pending.push({
          letter: deadLetterOf(topic, message),
          message,
          replayed: false,
          settle: (ack) => (ack ? resolve() : reject(new Error('left in the dead-letter topic'))),
        });
        wake();
      }),
  });
  try {
    // until the expected number arrived, or no new message for quietMs
    for (;;) {
      if (expected !== undefined && pending.length >= expected) break;
      const before = pending.length;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, quietMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (pending.length === before) break;
    }
    for (const entry of pending) {
      if (!replay || !selected(entry.letter)) continue;
      await replay(entry);
      entry.replayed = true;
    }
  } finally {
    for (const entry of pending) entry.settle(entry.replayed);
    await consumer.close();
  }
  return pending;
}

function deadLetterOf(topic: string, message: DeliveredMessage): DeadLetter {
  const property = (name: string) => message.properties[name] ?? null;
  let envelope: { id?: unknown; type?: unknown } = {};
  try {
    envelope = JSON.parse(message.body) as typeof envelope;
  } catch {
    /* an unreadable body is exactly what may end up here */
  }
  return {
    messageId: message.messageId,
    originMessageId: property(DEAD_LETTER_PROPERTIES.originMessageId),
    envelopeId: typeof envelope.id === 'string' ? envelope.id : null,
    type: typeof envelope.type === 'string' ? envelope.type : property('type'),
    key: message.key,
    topic, // the dead-letter topic of `topic` holds its messages (REAL_TOPIC may be a transport's full name)
    subscription: property(DEAD_LETTER_PROPERTIES.subscription),
    error: property(DEAD_LETTER_PROPERTIES.error),
    deadLetteredAt: property(DEAD_LETTER_PROPERTIES.deadLetteredAt),
  };
}

const ADDED = new Set<string>(Object.values(DEAD_LETTER_PROPERTIES));

function originalProperties(properties: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).filter(([name]) => !ADDED.has(name)));
}
