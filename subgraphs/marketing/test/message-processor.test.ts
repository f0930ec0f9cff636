// The message processor on a real database (the marketing one; no service running):
// - it wakes its outbox relay only after a commit that wrote to the outbox. A projection applies events and writes no
//   event of its own; each wake it caused made the relay run a transaction that found nothing. The relay here polls
//   once a minute, so whatever goes out within a test went out because the worker woke it;
// - with idempotentHandlers (events whose handler is an upsert of data that never changes), it claims no inbox row, and
//   a redelivered copy is applied again; commands refuse the option.
import { createEnvelope, serializeMessage, TOPICS } from '@alpes/contracts';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus, type Consumer } from '@alpes/messaging';
import { newId } from '@alpes/platform';
import { TEST_ACTOR, TopicRecorder, waitUntil } from '@alpes/testing';
import { CommandRejected, OutboxRelay, startMessageProcessor, type MessageHandlers, type TransactionalDatabase } from '@alpes/transactional-messaging';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMarketingPrisma, type MarketingPrisma } from '../src/index.js';
import { afiliadoRegistrado } from './support/marketing-write-harness.js';

/** The relay, counting the worker's wakes. */
class CountedRelay extends OutboxRelay {
  wakes = 0;
  override notify(): void {
    this.wakes += 1;
    super.notify();
  }
}

let database: ServiceTestDatabase;
let prisma: MarketingPrisma;
let bus: MemoryBus;
let relay: CountedRelay;
let consumer: Consumer | undefined;

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  prisma = createMarketingPrisma(database.url);
});
afterEach(async () => {
  await consumer?.close();
  await relay?.stop();
  await bus?.close();
  await prisma.inboxMessage.deleteMany();
  await prisma.outboxMessage.deleteMany();
});
afterAll(async () => {
  await prisma?.$disconnect();
  await database?.stop();
});

type Tx = Parameters<Parameters<MarketingPrisma['$transaction']>[0]>[0];

/** A worker of afiliados.eventos (events) or comisiones' commands with `handlers`, its relay polling once a minute. */
async function startWorker(kind: 'events' | 'commands', handlers: MessageHandlers<Tx>, idempotentHandlers = false): Promise<void> {
  bus = new MemoryBus();
  const db: TransactionalDatabase<Tx> = prisma;
  relay = new CountedRelay(db, bus, { service: 'marketing', pollIntervalMs: 60_000 });
  relay.start();
  const topic = kind === 'events' ? TOPICS.afiliadosEventos : TOPICS.comisionesComandos;
  consumer = await startMessageProcessor({ service: 'marketing', bus, db, relay, kind, topic, subscription: 'under-test', handlers, idempotentHandlers });
}

async function publish(envelope: ReturnType<typeof afiliadoRegistrado>): Promise<void> {
  await bus.publish(TOPICS.afiliadosEventos, { key: envelope.key, body: serializeMessage(envelope), properties: { type: envelope.type } });
}

async function publishAfiliadosRegistrados(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  for (const id of ids) await publish(afiliadoRegistrado(id));
  return ids;
}

const processed = async (outcome: string) => prisma.inboxMessage.count({ where: { outcome } });

describe('a worker wakes its outbox relay', () => {
  it('never for events whose handler writes no event (a projection): 40 applied, no wake, nothing in the outbox', async () => {
    let applied = 0;
    await startWorker('events', {
      AfiliadoRegistrado: async (_tx, message) => {
        applied += 1;
        return { entityId: message.key, events: [] };
      },
    });
    await publishAfiliadosRegistrados(40);
    await waitUntil('40 events applied and claimed in the inbox', async () => (await processed('PROCESADO')) === 40);
    expect(applied).toBe(40);
    expect(relay.wakes).toBe(0);
    expect(await prisma.outboxMessage.count()).toBe(0);
  });

  it('after each commit of events whose handler wrote one: every written event goes out without waiting for a poll', async () => {
    await startWorker('events', {
      AfiliadoRegistrado: async (_tx, message) => ({
        entityId: message.key,
        events: [{ type: 'ComandoCompletado', key: message.key, payload: { comandoId: message.id, comando: 'Prueba', entidadId: message.key } }],
      }),
    });
    const recorder = await TopicRecorder.start(bus, TOPICS.resultadosComandos);
    const ids = await publishAfiliadosRegistrados(10);
    await waitUntil('the 10 written events published (the relay polls once a minute)', () => recorder.messages.length >= 10, 10_000);
    expect(new Set(recorder.messages.map((message) => message.key))).toEqual(new Set(ids));
    expect(relay.wakes).toBeGreaterThan(0);
    await recorder.close();
  });

  it('after a command: its ComandoCompletado goes out without waiting for a poll, though the handler wrote no event', async () => {
    await startWorker('commands', { AprobarComision: async (_tx, message) => ({ entityId: message.payload.comisionId, events: [] }) });
    const recorder = await TopicRecorder.start(bus, TOPICS.resultadosComandos);
    const comisionId = newId();
    const comando = createEnvelope('AprobarComision', comisionId, { comisionId }, { correlationId: newId(), actor: TEST_ACTOR });
    await bus.publish(TOPICS.comisionesComandos, { key: comando.key, body: serializeMessage(comando), properties: { type: comando.type } });
    const completado = await recorder.waitFor('ComandoCompletado', (message) => message.correlationId === comando.correlationId);
    expect(completado.payload).toEqual({ comandoId: comando.id, comando: 'AprobarComision', entidadId: comisionId });
    expect(relay.wakes).toBe(1);
    await recorder.close();
  });
  it("after a command's rejection: its ComandoRechazado goes out without waiting for a poll", async () => {
    await startWorker('commands', {
      AprobarComision: async (_tx, message) => {
        throw new CommandRejected('La comisión no existe', message.payload.comisionId);
      },
    });
    const recorder = await TopicRecorder.start(bus, TOPICS.resultadosComandos);
    const comisionId = newId();
    const comando = createEnvelope('AprobarComision', comisionId, { comisionId }, { correlationId: newId(), actor: TEST_ACTOR });
    await bus.publish(TOPICS.comisionesComandos, { key: comando.key, body: serializeMessage(comando), properties: { type: comando.type } });
    const rechazado = await recorder.waitFor('ComandoRechazado', (message) => message.correlationId === comando.correlationId);
    expect(rechazado.payload).toEqual({ comandoId: comando.id, comando: 'AprobarComision', entidadId: comisionId, motivo: 'La comisión no existe' });
    expect(relay.wakes).toBe(1);
    await recorder.close();
  });
});

describe('a worker whose handlers are idempotent (events only)', () => {
  it('applies every event without an inbox row, and a redelivered copy again', async () => {
    const applied: string[] = [];
    await startWorker(
      'events',
      {
        AfiliadoRegistrado: async (_tx, message) => {
          applied.push(message.id);
          return { entityId: message.key, events: [] };
        },
      },
      true,
    );
    const evento = afiliadoRegistrado(newId());
    await publishAfiliadosRegistrados(30);
    await waitUntil('30 events applied', () => applied.length >= 30);
    await publish(evento);
    await waitUntil('the event applied', () => applied.includes(evento.id));
    await publish(evento); // the same message again, as a redelivery brings it
    await waitUntil('its copy applied again', () => applied.filter((id) => id === evento.id).length === 2);
    expect(applied).toHaveLength(32);
    expect(await prisma.inboxMessage.count()).toBe(0);
  });

  it('is refused for commands, which are applied exactly once with their outcome', async () => {
    await expect(
      startWorker('commands', { AprobarComision: async (_tx, message) => ({ entityId: message.payload.comisionId, events: [] }) }, true),
    ).rejects.toThrow(/idempotentHandlers is for events only/);
  });
});
