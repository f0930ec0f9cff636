// The outbox relay on a real database (the marketing one; no service running): rows go out in sequence order, and
// only one relay per database publishes at a time (the transaction-scoped advisory lock).
import { TOPICS, createEnvelope, serializeMessage } from '@alpes/contracts';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus, type Bus } from '@alpes/messaging';
import { newId } from '@alpes/platform';
import { TopicRecorder, caughtUp, waitUntil } from '@alpes/testing';
import { OutboxRelay, writeToOutbox, type TransactionalDatabase } from '@alpes/transactional-messaging';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMarketingPrisma, type MarketingPrisma } from '../src/index.js';

let database: ServiceTestDatabase;
let prisma: MarketingPrisma;
let db: TransactionalDatabase;
let bus: MemoryBus;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  prisma = createMarketingPrisma(database.url);
  db = prisma;
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await prisma.outboxMessage.deleteMany();
  await bus?.close();
});
afterAll(async () => {
  await prisma?.$disconnect();
  await database?.stop();
});

const resultado = (n: number) =>
  createEnvelope('ComandoCompletado', `clave-${n % 3}`, { comandoId: newId(), comando: `Orden${n}`, entidadId: newId() }, { correlationId: newId() });

/** A relay over `database`, publishing through `publish` (default: the test's bus); stopped after each test. */
function relay(
  options: { database?: TransactionalDatabase; publish?: Bus['publish']; batchSize?: number | 'default'; pollIntervalMs?: number } = {},
): OutboxRelay {
  const publish = options.publish ?? ((topic, message) => bus.publish(topic, message));
  const through: Bus = {
    publish,
    consume: (consume) => bus.consume(consume),
    read: (read) => bus.read(read),
    isConnected: () => bus.isConnected(),
    close: async () => undefined,
  };
  const started = new OutboxRelay(options.database ?? db, through, {
    service: 'marketing',
    batchSize: options.batchSize === 'default' ? undefined : (options.batchSize ?? 200),
    pollIntervalMs: options.pollIntervalMs ?? 20,
  });
  relays.push(started);
  started.start();
  return started;
}

describe('OutboxRelay', () => {
  it('publishes rows in sequence order, across batches, even when the table stores them in another order', async () => {
    bus = new MemoryBus();
    const recorder = await TopicRecorder.start(bus, TOPICS.resultadosComandos);
    const envelopes = Array.from({ length: 12 }, (_, index) => resultado(index + 1));
    // Inserted last-first with explicit sequences: the table's physical order is the reverse of the sequence order.
    for (const [index, envelope] of [...envelopes.entries()].reverse()) {
      await prisma.$executeRawUnsafe(
        'INSERT INTO outbox_messages (sequence, id, topic, key, envelope) VALUES ($1, $2::uuid, $3, $4, $5::jsonb)',
        index + 1,
        envelope.id,
        TOPICS.resultadosComandos,
        envelope.key,
        serializeMessage(envelope),
      );
    }
    relay({ batchSize: 5 });
    await waitUntil('12 published rows', () => recorder.messages.length >= 12);
    expect(recorder.messages.map((message) => message.id)).toEqual(envelopes.map((envelope) => envelope.id));
    await waitUntil('every row marked published', async () => (await prisma.outboxMessage.count({ where: { publishedAt: null } })) === 0);
    await recorder.close();
  });

  it('by default one transaction publishes up to 300 rows, all sent before the first confirmation', async () => {
    bus = new MemoryBus();
    await prisma.$transaction(async (tx) => {
      for (let n = 1; n <= 301; n += 1) await writeToOutbox(tx, resultado(n));
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    relay({
      batchSize: 'default',
      publish: async (topic, message) => {
        sent += 1;
        await gate;
        return bus.publish(topic, message);
      },
    });
    try {
      await waitUntil('the first batch sent', () => sent >= 300);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sent).toBe(300);
    } finally {
      release(); // else the relay's stop after the test waits for ever on its batch
    }
    await waitUntil('every row marked published', async () => (await prisma.outboxMessage.count({ where: { publishedAt: null } })) === 0);
    expect(sent).toBe(301);
  });

  it('one relay per database at a time: a second relay publishes nothing while the first holds the lock, and each row goes out once', async () => {
    bus = new MemoryBus();
    const envelopes = [resultado(1), resultado(2), resultado(3)];
    await prisma.$transaction(async (tx) => {
      for (const envelope of envelopes) await writeToOutbox(tx, envelope);
    });

    // The first relay takes the lock and its publishes hang until the test lets them through.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const publishedByFirst: string[] = [];
    let firstPublishing = false;
    relay({
      publish: async (topic, message) => {
        firstPublishing = true;
        await gate;
        publishedByFirst.push(message.body);
        return bus.publish(topic, message);
      },
    });
    await waitUntil('the first relay publishing', () => firstPublishing);

    // The second relay runs pass after pass meanwhile (each pass is one transaction), and must publish nothing.
    const publishedBySecond: string[] = [];
    let secondPasses = 0;
    const counting: TransactionalDatabase = {
      $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
      $queryRawUnsafe: (query, ...values) => db.$queryRawUnsafe(query, ...values),
      $transaction: async (fn, options) => {
        const result = await db.$transaction(fn, options);
        secondPasses += 1;
        return result;
      },
    };
    try {
      relay({ database: counting, publish: async (topic, message) => (publishedBySecond.push(message.body), bus.publish(topic, message)) });
      await waitUntil('three passes of the second relay', () => secondPasses >= 3);
      expect(publishedBySecond).toEqual([]);
    } finally {
      release(); // a failure above must not leave the first relay hanging
    }
    await waitUntil('every row marked published', async () => (await prisma.outboxMessage.count({ where: { publishedAt: null } })) === 0);
    const recorder = await TopicRecorder.start(bus, TOPICS.resultadosComandos);
    await caughtUp(bus, recorder);
    expect(recorder.messages.slice(0, -1).map((message) => message.id)).toEqual(envelopes.map((envelope) => envelope.id));
    expect(publishedByFirst).toHaveLength(3);
    expect(publishedBySecond).toEqual([]);
    await recorder.close();
  });

  it('an idle relay polls with one statement and no transaction; a row another process writes is still found by the poll', async () => {
    bus = new MemoryBus();
    const recorder = await TopicRecorder.start(bus, TOPICS.resultadosComandos);
    let transactions = 0;
    let statements = 0;
    const counting: TransactionalDatabase = {
      $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
      $queryRawUnsafe: (query, ...values) => ((statements += 1), db.$queryRawUnsafe(query, ...values)),
      $transaction: (fn, options) => ((transactions += 1), db.$transaction(fn, options)),
    };
    relay({ database: counting });
    await waitUntil('ten idle polls (probes or transactions)', () => statements + transactions >= 10);
    expect(transactions).toBe(0);

    // written as another process would: no notify(), so only the poll can find it
    const envelope = resultado(1);
    await prisma.$transaction((tx) => writeToOutbox(tx, envelope));
    await waitUntil('the row published by a poll', () => recorder.messages.some((message) => message.id === envelope.id));
    expect(transactions).toBeGreaterThan(0);
    await recorder.close();
  });

  it('notify() publishes a committed row at once, without waiting for the next poll', async () => {
    bus = new MemoryBus();
    const recorder = await TopicRecorder.start(bus, TOPICS.resultadosComandos);
    const notified = relay({ pollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // past the first poll (start), so only notify() remains
    const envelope = resultado(2);
    await prisma.$transaction((tx) => writeToOutbox(tx, envelope));
    const notifiedAt = performance.now();
    notified.notify();
    await waitUntil('the notified row published', () => recorder.messages.some((message) => message.id === envelope.id));
    expect(performance.now() - notifiedAt).toBeLessThan(1_000);
    await recorder.close();
  });
});
