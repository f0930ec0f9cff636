import { randomUUID } from 'node:crypto';
import { TOPICS, causedBy, createEnvelope, serializeMessage, type Envelope } from '@alpes/contracts';
import { BusUnavailableError, MemoryBus } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import {
  ReaderCountingBus,
  TEST_ACTOR,
  openSubscriptionClient,
  postGraphQL,
  waitUntil,
  type RecordedSubscription,
  type SubscriptionClient,
} from '@alpes/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

type Stack = Awaited<ReturnType<typeof startTestStack>>;
interface SeededComision {
  id: string;
  montoBase: string;
  porcentaje: string;
  monto: string;
  moneda: string;
  estado: 'CALCULADA' | 'APROBADA' | 'PAGADA' | 'RECHAZADA';
  motivo: string | null;
  afiliado: { id: string; nombre: string };
  campana: { id: string; nombre: string };
  conversion: { id: string; valor: string };
}

let stack: Stack;
let bus: ReaderCountingBus;
let clients: SubscriptionClient[] = [];
let deAna: SeededComision; // two commissions of one affiliate, one of another
let otraDeAna: SeededComision;
let deBeto: SeededComision;

beforeAll(async () => {
  bus = new ReaderCountingBus(new MemoryBus());
  stack = await startTestStack({ bus, seed: { afiliados: 10, conversiones: 60 } });
  const { data } = await postGraphQL(
    stack.gatewayUrl,
    `{ comisiones(first: 60) { nodes { id montoBase porcentaje monto moneda estado motivo afiliado { id nombre } campana { id nombre } conversion { id valor } } } }`,
    undefined,
    stack.admin,
  );
  const nodes = data!.comisiones.nodes as SeededComision[];
  deAna = nodes[0]!;
  otraDeAna = nodes.find((node) => node.afiliado.id === deAna.afiliado.id && node.id !== deAna.id)!;
  deBeto = nodes.find((node) => node.afiliado.id !== deAna.afiliado.id)!;
  expect(otraDeAna && deBeto).toBeTruthy();
});
afterEach(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  clients = [];
});
afterAll(async () => {
  await stack?.stop();
  await bus?.close();
});

function client(): SubscriptionClient {
  const opened = openSubscriptionClient(stack.gatewayUrl, stack.admin);
  clients.push(opened);
  return opened;
}

function comisionCalculada(comision: SeededComision): Envelope {
  const { afiliado, campana, conversion, ...rest } = comision;
  const snapshot = { ...rest, afiliadoId: afiliado.id, campanaId: campana.id, conversionId: conversion.id };
  return createEnvelope('ComisionCalculada', comision.id, { comision: snapshot }, { correlationId: randomUUID() });
}

async function publish(topic: string, envelope: Envelope): Promise<Envelope> {
  await bus.publish(topic, { key: envelope.key, body: serializeMessage(envelope) });
  return envelope;
}

/** A live subscription only sees what is published after its reader opened: publish probes until one arrives. */
async function untilLive(subscriptions: RecordedSubscription[], comision: SeededComision): Promise<void> {
  for (let tries = 0; subscriptions.some((subscription) => subscription.results.length === 0); tries += 1) {
    if (tries > 200) throw new Error('the subscriptions never went live');
    await publish(TOPICS.comisionesEventos, comisionCalculada(comision));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The event (data of the subscription field) that carries this correlationId, once it arrived. */
async function waitForCorrelation(subscription: RecordedSubscription, correlationId: string, field = 'comisionCalculada') {
  const result = await subscription.waitFor((candidate) => candidate.data?.[field]?.correlationId === correlationId);
  return result.data![field];
}

const correlationIds = (subscription: RecordedSubscription, field = 'comisionCalculada') =>
  subscription.results.map((result) => result.data?.[field]?.correlationId as string);

const COMISION_CALCULADA = `subscription ($afiliadoId: ID, $desdeEvento: ID, $desde: DateTime) {
  comisionCalculada(afiliadoId: $afiliadoId, desdeEvento: $desdeEvento, desde: $desde) {
    eventoId ocurridoEn correlationId comision { id monto afiliado { nombre } campana { nombre } conversion { valor } }
  }
}`;

describe('subscriptions through the gateway, fed by the bus', () => {
  it('delivers a commission event hydrated from the three subgraphs', async () => {
    const subscription = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id });
    await untilLive([subscription], deAna);
    const event = await publish(TOPICS.comisionesEventos, comisionCalculada(deAna));
    const received = await waitForCorrelation(subscription, event.correlationId);
    expect(received).toEqual({
      eventoId: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      ocurridoEn: event.occurredAt,
      correlationId: event.correlationId,
      comision: {
        id: deAna.id,
        monto: deAna.monto,
        afiliado: { nombre: deAna.afiliado.nombre },
        campana: { nombre: deAna.campana.nombre },
        conversion: { valor: deAna.conversion.valor },
      },
    });
  });

  it('resolves aliases at every level', async () => {
    const subscription = client().subscribe(
      `subscription ($a: ID) { e: comisionCalculada(afiliadoId: $a) { id: eventoId c: comision { m: monto a: afiliado { n: nombre } } } }`,
      { a: deAna.afiliado.id },
    );
    await untilLive([subscription], deAna);
    expect(subscription.results[0]).toEqual({ data: { e: { id: expect.any(String), c: { m: deAna.monto, a: { n: deAna.afiliado.nombre } } } } });
  });

  it("keeps other affiliates' events away from an afiliadoId subscription", async () => {
    const subscription = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id });
    await untilLive([subscription], deAna);
    const ajeno = await publish(TOPICS.comisionesEventos, comisionCalculada(deBeto));
    const marca = await publish(TOPICS.comisionesEventos, comisionCalculada(otraDeAna));
    await waitForCorrelation(subscription, marca.correlationId);
    expect(correlationIds(subscription)).not.toContain(ajeno.correlationId);
    expect(subscription.results.every((result) => result.data?.comisionCalculada.comision.id !== deBeto.id)).toBe(true);
  });

  it('serves 5 clients of one topic from exactly 1 bus reader, closed when they leave', async () => {
    await waitUntil('bus.openReaders(TOPICS.comisionesEventos) === 0', () => bus.openReaders(TOPICS.comisionesEventos) === 0);
    const subscriptions = Array.from({ length: 5 }, () => client().subscribe(COMISION_CALCULADA));
    await untilLive(subscriptions, deAna);
    expect(bus.openReaders(TOPICS.comisionesEventos)).toBe(1);
    subscriptions.forEach((subscription) => subscription.unsubscribe());
    await waitUntil('bus.openReaders(TOPICS.comisionesEventos) === 0', () => bus.openReaders(TOPICS.comisionesEventos) === 0);
  });

  it('resumes after an eventoId: replays exactly the later events, then continues live, without duplicates', async () => {
    const live = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id });
    await untilLive([live], deAna);
    const first = await publish(TOPICS.comisionesEventos, comisionCalculada(deAna));
    const eventoId = (await waitForCorrelation(live, first.correlationId)).eventoId as string;
    live.unsubscribe();
    const missed = [await publish(TOPICS.comisionesEventos, comisionCalculada(otraDeAna)), await publish(TOPICS.comisionesEventos, comisionCalculada(deAna))];
    await publish(TOPICS.comisionesEventos, comisionCalculada(deBeto));
    const resumed = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id, desdeEvento: eventoId });
    await resumed.waitForResults(2);
    const later = await publish(TOPICS.comisionesEventos, comisionCalculada(deAna));
    // one reader delivers in order: once the marker is in, anything duplicated or extra would be in too
    const marca = await publish(TOPICS.comisionesEventos, comisionCalculada(otraDeAna));
    await waitForCorrelation(resumed, marca.correlationId);
    expect(correlationIds(resumed)).toEqual([...missed, later, marca].map((event) => event.correlationId));
    expect(resumed.results.every((result) => result.errors === undefined)).toBe(true);
  });

  it('resumes from the running execution of its operation when it still remembers the eventoId: the later events, then live, with no bus reader of its own', async () => {
    await waitUntil('no reader left on the topic', () => bus.openReaders(TOPICS.comisionesEventos) === 0);
    const stays = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id });
    const drops = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id });
    await untilLive([stays, drops], deAna);
    const first = await publish(TOPICS.comisionesEventos, comisionCalculada(deAna));
    const eventoId = (await waitForCorrelation(drops, first.correlationId)).eventoId as string;
    drops.unsubscribe();
    const missed = [await publish(TOPICS.comisionesEventos, comisionCalculada(otraDeAna)), await publish(TOPICS.comisionesEventos, comisionCalculada(deAna))];
    await waitForCorrelation(stays, missed[1]!.correlationId); // the execution has them
    const resumed = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id, desdeEvento: eventoId });
    await resumed.waitForResults(2);
    expect(bus.openReaders(TOPICS.comisionesEventos)).toBe(1); // the shared one: no replay from the bus
    const marca = await publish(TOPICS.comisionesEventos, comisionCalculada(otraDeAna));
    await waitForCorrelation(resumed, marca.correlationId);
    expect(correlationIds(resumed)).toEqual([...missed, marca].map((event) => event.correlationId));
    expect(resumed.results.every((result) => result.errors === undefined)).toBe(true);
  });

  it('replays from a time with desde, then continues live', async () => {
    await publish(TOPICS.comisionesEventos, comisionCalculada(deAna));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const desde = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const replayed = [await publish(TOPICS.comisionesEventos, comisionCalculada(deAna)), await publish(TOPICS.comisionesEventos, comisionCalculada(otraDeAna))];
    const subscription = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id, desde });
    await subscription.waitForResults(2);
    const later = await publish(TOPICS.comisionesEventos, comisionCalculada(otraDeAna));
    const marca = await publish(TOPICS.comisionesEventos, comisionCalculada(deAna));
    await waitForCorrelation(subscription, marca.correlationId);
    expect(correlationIds(subscription)).toEqual([...replayed, later, marca].map((event) => event.correlationId));
  });

  it('answers BAD_USER_INPUT for a malformed eventoId and for one of another event stream', async () => {
    const malformed = client().subscribe(COMISION_CALCULADA, { desdeEvento: 'no-es-un-evento' });
    await malformed.waitForResults(1);
    expect(malformed.results[0]!.errors![0]).toMatchObject({
      message: expect.stringMatching(/^desdeEvento: /),
      extensions: { code: 'BAD_USER_INPUT', field: 'desdeEvento' },
    });

    const campanas = client().subscribe(`subscription { campanaCreada { eventoId campana { nombre } } }`);
    const { data } = await postGraphQL(
      stack.gatewayUrl,
      `{ campanas(first: 1) { nodes { id nombre estado tipo fechaInicio fechaFin presupuesto porcentajeComision afiliados { id } } } }`,
      undefined,
      stack.admin,
    );
    const { afiliados, ...campana } = data!.campanas.nodes[0];
    const snapshot = { ...campana, afiliadoIds: afiliados.map((afiliado: { id: string }) => afiliado.id) };
    for (let tries = 0; campanas.results.length === 0 && tries < 100; tries += 1) {
      await publish(TOPICS.marketingEventos, createEnvelope('CampanaCreada', campana.id, { campana: snapshot }, { correlationId: randomUUID() }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(campanas.results[0]!.data!.campanaCreada.campana).toEqual({ nombre: campana.nombre });
    const otherStream = client().subscribe(COMISION_CALCULADA, { desdeEvento: campanas.results[0]!.data!.campanaCreada.eventoId });
    await otherStream.waitForResults(1);
    expect(otherStream.results[0]!.errors![0]).toMatchObject({
      message: expect.stringMatching(/another event stream/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers UNAVAILABLE, not BAD_USER_INPUT, when the broker does not answer while a replay opens its reader', async () => {
    const live = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id });
    await untilLive([live], deAna);
    const eventoId = live.results[0]!.data!.comisionCalculada.eventoId as string;
    // what a Pulsar transport throws when the broker does not answer in time (a dedicated reader's open timed out)
    bus.refuseReaders(() => new BusUnavailableError('pulsar bus: could not open a reader on comisiones.eventos: timed out'));
    try {
      // another afiliado: no running execution serves it, so each opens a reader of its own
      const resumed = client().subscribe(COMISION_CALCULADA, { afiliadoId: deBeto.afiliado.id, desdeEvento: eventoId });
      const fromTime = client().subscribe(COMISION_CALCULADA, { afiliadoId: deBeto.afiliado.id, desde: new Date(Date.now() - 60_000).toISOString() });
      await resumed.waitForResults(1);
      await fromTime.waitForResults(1);
      for (const refused of [resumed, fromTime]) {
        expect(refused.results[0]!.errors).toEqual([
          expect.objectContaining({ message: expect.stringMatching(/event bus cannot be reached/), extensions: { code: 'UNAVAILABLE' } }),
        ]);
      }
    } finally {
      bus.refuseReaders(undefined);
    }
    // once the broker answers again, the same resume works
    const again = client().subscribe(COMISION_CALCULADA, { afiliadoId: deBeto.afiliado.id, desdeEvento: eventoId });
    const marca = await publish(TOPICS.comisionesEventos, comisionCalculada(deBeto));
    await waitForCorrelation(again, marca.correlationId);
  });

  it('delivers an entity that never becomes visible as a NOT_FOUND error on that event, and keeps the subscription', async () => {
    const subscription = client().subscribe(COMISION_CALCULADA, { afiliadoId: deAna.afiliado.id });
    await untilLive([subscription], deAna);
    await publish(TOPICS.comisionesEventos, comisionCalculada({ ...deAna, id: randomUUID() }));
    const despues = await publish(TOPICS.comisionesEventos, comisionCalculada(deAna));
    await waitForCorrelation(subscription, despues.correlationId);
    const failures = subscription.results.filter((result) => result.errors !== undefined);
    expect(failures).toEqual([
      {
        data: null,
        errors: [
          expect.objectContaining({
            message: expect.stringMatching(/is not visible yet/),
            path: ['comisionCalculada', 'comision'],
            extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
          }),
        ],
      },
    ]);
    // the ghost's error keeps its place: right before the event published after it (the hydration retries' timing is in bench/)
    const results = subscription.results;
    expect(results.indexOf(failures[0]!)).toBe(results.findIndex((result) => result.data?.comisionCalculada?.correlationId === despues.correlationId) - 1);
  });
});

describe('comando(correlationId): the state of one command', () => {
  const COMANDO = `subscription ($correlationId: ID!) { comando(correlationId: $correlationId) { correlationId estado comando entidadId motivo actualizadoEn } }`;
  // ActivarCampana of a campaign that does not exist: the marketing worker, if it runs, can only reject it, later than our outcome.
  const activarCampana = (correlationId: string, campanaId = randomUUID()) =>
    createEnvelope('ActivarCampana', campanaId, { campanaId }, { correlationId, actor: TEST_ACTOR });

  it('emits the outcome at once to a client that subscribes after the command finished, then completes', async () => {
    const correlationId = randomUUID();
    const command = await publish(TOPICS.campanasComandos, activarCampana(correlationId));
    const outcome = await publish(
      TOPICS.resultadosComandos,
      createEnvelope('ComandoCompletado', command.key, { comandoId: command.id, comando: 'ActivarCampana', entidadId: command.key }, causedBy(command)),
    );
    // the gateway's tracker reads both topics: a first follower that saw the outcome proves the tracker has it
    const probe = client().subscribe(COMANDO, { correlationId });
    await probe.waitFor((result) => result.data?.comando.estado === 'COMPLETADO');
    const subscription = client().subscribe(COMANDO, { correlationId });
    await waitUntil('subscription.completed', () => subscription.completed);
    expect(subscription.results).toEqual([
      {
        data: {
          comando: { correlationId, estado: 'COMPLETADO', comando: 'ActivarCampana', entidadId: command.key, motivo: null, actualizadoEn: outcome.occurredAt },
        },
      },
    ]);
  });

  it('waits for an unknown command, then emits every change live: ACEPTADO, then the outcome', async () => {
    const correlationId = randomUUID();
    const subscription = client().subscribe(COMANDO, { correlationId });
    const command = await publish(TOPICS.campanasComandos, activarCampana(correlationId));
    await subscription.waitForResults(1);
    expect(subscription.results[0]!.data!.comando).toMatchObject({
      correlationId,
      estado: 'ACEPTADO',
      comando: 'ActivarCampana',
      entidadId: command.key,
      motivo: null,
    });
    await publish(
      TOPICS.resultadosComandos,
      createEnvelope(
        'ComandoRechazado',
        command.key,
        { comandoId: command.id, comando: 'ActivarCampana', entidadId: command.key, motivo: 'campaña inexistente' },
        causedBy(command),
      ),
    );
    await waitUntil('subscription.completed', () => subscription.completed);
    expect(subscription.results.map((result) => result.data!.comando.estado)).toEqual(['ACEPTADO', 'RECHAZADO']);
    expect(subscription.results[1]!.data!.comando).toMatchObject({ comando: 'ActivarCampana', motivo: expect.any(String) });
  });

  it('refuses a correlationId that is not a UUID with BAD_USER_INPUT', async () => {
    const subscription = client().subscribe(COMANDO, { correlationId: 'abc' });
    await subscription.waitForResults(1);
    expect(subscription.results[0]!.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'correlationId' } });
  });
});
