import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS, createEnvelope, serializeMessage } from '@alpes/contracts';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus } from '@alpes/messaging';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { writeToOutbox } from '@alpes/transactional-messaging';
import type { Identity } from '@alpes/security';
import { TEST_ACTOR, TestGatewayIdentity, TopicRecorder, caughtUp, outcomeOf as outcomeOn, postGraphQL, userOfRole } from '@alpes/testing';
import { createMarketingPrisma, startMarketingSubgraph, type MarketingPrisma } from '../src/index.js';
import { campanaSnapshot } from '../src/infrastructure/snapshots.js';

let database: ServiceTestDatabase;
let prisma: MarketingPrisma;
let subgraph: RunningServiceServer;
const bus = new MemoryBus();
let eventos: TopicRecorder;
let resultados: TopicRecorder;
let comisionesEventos: TopicRecorder;
const afiliadoId = newId();
const gateway = new TestGatewayIdentity();

async function mutate(text: string, variables?: Record<string, unknown>, identity: Identity = userOfRole('admin')) {
  return (await postGraphQL(subgraph.url, text, variables, await gateway.authorization(identity))) as { data?: any; errors?: any[] };
}

const CREAR = `mutation ($input: CrearCampanaInput!) { crearCampana(input: $input) { correlationId id aceptadoEn } }`;
const input = (extra: Record<string, unknown> = {}) => ({
  nombre: 'Cyber Lunes',
  fechaInicio: '2026-12-01',
  fechaFin: '2026-12-31',
  presupuesto: '5000.00',
  metaConversiones: 100,
  tipo: 'DIGITAL',
  porcentajeComision: '10',
  tags: ['tech'],
  afiliadoIds: [afiliadoId],
  ...extra,
});

const outcomeOf = (correlationId: string) => outcomeOn(resultados, correlationId);

/** Resolves once everything sent so far for this campaign is applied and published: a key's commands go in order. */
async function afterEverythingOf(campanaId: string): Promise<void> {
  const next = createEnvelope('PausarCampana', campanaId, { campanaId }, { correlationId: newId(), actor: TEST_ACTOR });
  await bus.publish(TOPICS.campanasComandos, { key: campanaId, body: serializeMessage(next) });
  await outcomeOf(next.correlationId);
  await Promise.all([caughtUp(bus, eventos), caughtUp(bus, resultados)]);
}

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  prisma = createMarketingPrisma(database.url);
  subgraph = await startMarketingSubgraph({ databaseUrl: database.url, port: 0, bus, identity: gateway.verifier });
  [eventos, resultados, comisionesEventos] = await Promise.all([
    TopicRecorder.start(bus, TOPICS.marketingEventos),
    TopicRecorder.start(bus, TOPICS.resultadosComandos),
    TopicRecorder.start(bus, TOPICS.comisionesEventos),
  ]);
  const afiliado = {
    id: afiliadoId,
    nombre: 'Ana Gómez',
    email: 'ana@example.com',
    telefono: null,
    tipoAfiliacion: 'PREMIUM' as const,
    comisionBase: '12.00',
    estado: 'ACTIVO' as const,
  };
  await bus.publish(TOPICS.afiliadosEventos, {
    key: afiliadoId,
    body: serializeMessage(createEnvelope('AfiliadoRegistrado', afiliadoId, { afiliado }, { correlationId: newId() })),
  });
});
afterAll(async () => {
  await Promise.all([eventos, resultados, comisionesEventos].map((recorder) => recorder?.close()));
  await subgraph?.close();
  await prisma?.$disconnect();
  await bus.close();
  await database?.stop();
});

describe('marketing workers: commands through the inbox, the state change and the outbox', () => {
  it('crearCampana queues a command; the worker creates a DRAFT campaign and publishes CampanaCreada and ComandoCompletado', async () => {
    const { data, errors } = await mutate(CREAR, { input: input() });
    expect(errors).toBeUndefined();
    const { correlationId, id } = data.crearCampana;
    const creada = await eventos.waitFor('CampanaCreada', (message) => message.key === id);
    expect(creada.correlationId).toBe(correlationId);
    expect(creada.payload).toMatchObject({ campana: { id, estado: 'DRAFT', porcentajeComision: '10.00', afiliadoIds: [afiliadoId] } });
    expect(await outcomeOf(correlationId)).toMatchObject({ type: 'ComandoCompletado', payload: { entidadId: id, comando: 'CrearCampana' } });
    expect(await prisma.campana.findUnique({ where: { id } })).toMatchObject({ estado: 'DRAFT', nombre: 'Cyber Lunes' });
  });

  it("CampanaCreada carries the campaign as its row was stored (decimals rounded by the columns' scale)", async () => {
    const campanaId = newId();
    const payload = {
      ...input({ presupuesto: '1234.565', porcentajeComision: '2.5', descripcion: null, tags: ['tech', 'a "b", {c}'], afiliadoIds: [] }),
      campanaId,
    };
    const command = createEnvelope('CrearCampana', campanaId, payload as never, { correlationId: newId(), actor: TEST_ACTOR });
    await bus.publish(TOPICS.campanasComandos, { key: campanaId, body: serializeMessage(command) });
    const creada = await eventos.waitFor('CampanaCreada', (message) => message.key === campanaId);
    const fila = await prisma.campana.findUniqueOrThrow({ where: { id: campanaId } });
    expect(creada.payload).toEqual({ campana: campanaSnapshot(fila, []) });
    expect(fila).toMatchObject({ nombre: 'Cyber Lunes', descripcion: null, metaConversiones: 100, tipo: 'DIGITAL', tags: ['tech', 'a "b", {c}'] });
    expect(creada.payload).toMatchObject({ campana: { presupuesto: '1234.57', porcentajeComision: '2.50', fechaInicio: '2026-12-01' } });
  });

  it('applies the same command delivered twice once: one campaign, one event', async () => {
    const campanaId = newId();
    const command = createEnvelope(
      'CrearCampana',
      campanaId,
      {
        campanaId,
        nombre: 'Duplicada',
        descripcion: null,
        fechaInicio: '2026-12-01',
        fechaFin: '2026-12-02',
        presupuesto: '1.00',
        metaConversiones: 1,
        tipo: 'DIGITAL',
        porcentajeComision: '5.00',
        tags: [],
        afiliadoIds: [],
      },
      { correlationId: newId(), actor: TEST_ACTOR },
    );
    const body = serializeMessage(command);
    await bus.publish(TOPICS.campanasComandos, { key: campanaId, body });
    await bus.publish(TOPICS.campanasComandos, { key: campanaId, body });
    await outcomeOf(command.correlationId);
    await afterEverythingOf(campanaId);
    expect(await prisma.campana.count({ where: { id: campanaId } })).toBe(1);
    expect(eventos.of('CampanaCreada', (message) => message.key === campanaId)).toHaveLength(1);
    expect(resultados.messages.filter((message) => message.correlationId === command.correlationId).length).toBe(1);
  });

  it('rejects a transition the state machine forbids with ComandoRechazado and leaves the state alone', async () => {
    const { data } = await mutate(CREAR, { input: input({ nombre: 'Para pausar' }) });
    const { id } = data.crearCampana;
    await eventos.waitFor('CampanaCreada', (message) => message.key === id);
    const pausa = await mutate(`mutation ($id: ID!) { pausarCampana(id: $id) { correlationId } }`, { id });
    const outcome = await outcomeOf(pausa.data.pausarCampana.correlationId);
    expect(outcome.type).toBe('ComandoRechazado');
    expect(outcome.payload).toMatchObject({ comando: 'PausarCampana', entidadId: id, motivo: expect.stringMatching(/DRAFT/) });
    expect((await prisma.campana.findUnique({ where: { id } }))?.estado).toBe('DRAFT');
    await caughtUp(bus, eventos);
    expect(eventos.of('CampanaPausada', (message) => message.key === id)).toHaveLength(0);
  });

  it('refuses invalid input with BAD_USER_INPUT naming the field and queues nothing', async () => {
    const commands = await TopicRecorder.start(bus, TOPICS.campanasComandos);
    await caughtUp(bus, commands);
    const before = commands.of('CrearCampana').length;
    for (const [bad, field] of [
      [{ fechaFin: '2026-11-01' }, 'input.fechaFin'],
      [{ porcentajeComision: '120' }, 'input.porcentajeComision'],
      [{ porcentajeComision: '12.345' }, 'input.porcentajeComision'], // one Porcentaje rule: a third decimal is refused, not rounded
      [{ presupuesto: '-1' }, 'input.presupuesto'],
      [{ nombre: '   ' }, 'input.nombre'],
      [{ afiliadoIds: ['nope'] }, 'input.afiliadoIds'],
    ] as const) {
      const { errors } = await mutate(CREAR, { input: input(bad) });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    await caughtUp(bus, commands);
    expect(commands.of('CrearCampana')).toHaveLength(before);
    await commands.close();
  });

  it('answers UNAVAILABLE when the bus does not confirm, and queues and persists nothing', async () => {
    const campanas = await prisma.campana.count();
    const commands = await TopicRecorder.start(bus, TOPICS.campanasComandos);
    bus.simulateOutage(true);
    try {
      const { errors } = await mutate(CREAR, { input: input({ nombre: 'Durante la caída' }) });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', outcome: 'NOT_QUEUED' });
      expect(errors?.[0]?.message).toMatch(/not accepted/);
    } finally {
      bus.simulateOutage(false);
    }
    await caughtUp(bus, commands);
    expect(commands.of('CrearCampana', (message) => message.payload.nombre === 'Durante la caída')).toEqual([]);
    await commands.close();
    expect(await prisma.campana.count()).toBe(campanas);
  });

  it('a command whose confirmation was lost: UNAVAILABLE with outcome UNKNOWN and its correlationId, which then completes', async () => {
    bus.simulateLostConfirmations(true);
    let errors: any[] | undefined;
    try {
      ({ errors } = await mutate(CREAR, { input: input({ nombre: 'Sin confirmación' }) }));
    } finally {
      bus.simulateLostConfirmations(false);
    }
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', outcome: 'UNKNOWN', correlationId: expect.any(String), id: expect.any(String) });
    expect(errors?.[0]?.message).toMatch(/may still be applied.*comando\(correlationId/);
    const { correlationId, id } = errors![0].extensions;
    expect(await outcomeOf(correlationId)).toMatchObject({ type: 'ComandoCompletado', payload: { entidadId: id } });
  });

  it('publishes an outbox row only once its transaction has committed', async () => {
    const outcome = (correlationId: string) =>
      createEnvelope('ComandoCompletado', correlationId, { comandoId: newId(), comando: 'Prueba', entidadId: newId() }, { correlationId });
    const [pending, later] = [outcome(newId()), outcome(newId())];
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const pendingWritten = new Promise<void>((resolve) => (written = resolve));
    const transaction = prisma.$transaction(
      async (tx) => {
        await writeToOutbox(tx, pending);
        written();
        await gate;
      },
      { timeout: 30_000 },
    );
    await pendingWritten;
    // A row committed after it (a later sequence) is published: the relay has run since, and passed the pending row by.
    await prisma.$transaction((tx) => writeToOutbox(tx, later));
    await outcomeOf(later.correlationId);
    await caughtUp(bus, resultados);
    expect(resultados.messages.filter((message) => message.correlationId === pending.correlationId)).toHaveLength(0);
    commit();
    await transaction;
    await outcomeOf(pending.correlationId);
  });

  it('calculates the commission of a conversion in an active campaign, once per conversion', async () => {
    const { data } = await mutate(CREAR, { input: input({ nombre: 'Activa', porcentajeComision: '10' }) });
    const campanaId = data.crearCampana.id;
    await eventos.waitFor('CampanaCreada', (message) => message.key === campanaId);
    const activa = await mutate(`mutation ($id: ID!) { activarCampana(id: $id) { correlationId } }`, { id: campanaId });
    expect((await outcomeOf(activa.data.activarCampana.correlationId)).type).toBe('ComandoCompletado');
    const conversion = { id: newId(), afiliadoId, campanaId, valor: '200.00', moneda: 'USD', tipo: 'VENTA' as const, registradaEn: new Date().toISOString() };
    const evento = serializeMessage(createEnvelope('ConversionRegistrada', conversion.id, { conversion }, { correlationId: newId() }));
    await bus.publish(TOPICS.conversionesEventos, { key: conversion.id, body: evento });
    await bus.publish(TOPICS.conversionesEventos, { key: conversion.id, body: evento });
    // A third event with the same key is applied after both copies (a key's messages go in order).
    const siguiente = { ...conversion, id: newId() };
    await bus.publish(TOPICS.conversionesEventos, {
      key: conversion.id,
      body: serializeMessage(createEnvelope('ConversionRegistrada', conversion.id, { conversion: siguiente }, { correlationId: newId() })),
    });
    const calculada = await comisionesEventos.waitFor('ComisionCalculada', (message) => message.payload.comision.conversionId === conversion.id);
    // The affiliate's base (12 %) is higher than the campaign's 10 %: it wins.
    expect(calculada.payload).toMatchObject({ comision: { montoBase: '200.00', porcentaje: '12.00', monto: '24.00', estado: 'CALCULADA' } });
    await comisionesEventos.waitFor('ComisionCalculada', (message) => message.payload.comision.conversionId === siguiente.id);
    await caughtUp(bus, comisionesEventos);
    expect(comisionesEventos.of('ComisionCalculada', (message) => message.payload.comision.conversionId === conversion.id)).toHaveLength(1);
    expect(await prisma.comision.count({ where: { conversionId: conversion.id } })).toBe(1);
  });

  it('writes one historial row per change for every command of a batch; a command rejected in it leaves none', async () => {
    // Published at once, they are applied in shared transactions (group commit), which write their historial in one
    // statement at the end; the PausarCampana of a DRAFT campaign is rejected, so its batch is retried message by message.
    const { data } = await mutate(CREAR, { input: input({ nombre: 'Borrador' }) });
    const borrador = data.crearCampana.id as string;
    await outcomeOf(data.crearCampana.correlationId);
    const commands = Array.from({ length: 30 }, (_, index) => {
      const campanaId = newId();
      const payload = { ...input({ nombre: `Lote ${index}`, afiliadoIds: [] }), campanaId, descripcion: null, presupuesto: '1.00', porcentajeComision: '5.00' };
      return createEnvelope('CrearCampana', campanaId, payload, { correlationId: newId(), actor: TEST_ACTOR });
    });
    const pausa = createEnvelope('PausarCampana', borrador, { campanaId: borrador }, { correlationId: newId(), actor: TEST_ACTOR });
    const all = [...commands.slice(0, 15), pausa, ...commands.slice(15)];
    await Promise.all(all.map((command) => bus.publish(TOPICS.campanasComandos, { key: command.key, body: serializeMessage(command) })));
    const outcomes = await Promise.all(all.map((command) => outcomeOf(command.correlationId)));
    expect(outcomes.map((outcome) => outcome.type)).toEqual(all.map((command) => (command === pausa ? 'ComandoRechazado' : 'ComandoCompletado')));

    const historial = await prisma.campanaHistorial.findMany({ where: { campanaId: { in: [...commands.map((command) => command.key), borrador] } } });
    for (const command of commands) {
      expect(historial.filter((row) => row.campanaId === command.key).map((row) => [row.estado, row.correlationId])).toEqual([
        ['DRAFT', command.correlationId],
      ]);
    }
    expect(historial.filter((row) => row.campanaId === borrador).map((row) => [row.estado, row.correlationId])).toEqual([
      ['DRAFT', data.crearCampana.correlationId],
    ]);
  });

  it('records who changed what: the actor in the inbox and in each historial row, written with the change', async () => {
    const marketing = userOfRole('marketing', { sub: 'marta@marketing' });
    const creada = await mutate(CREAR, { input: input({ nombre: 'Auditada' }) }, marketing);
    const campanaId = creada.data.crearCampana.id;
    await outcomeOf(creada.data.crearCampana.correlationId);
    const activa = await mutate(
      `mutation ($id: ID!) { activarCampana(id: $id) { correlationId } }`,
      { id: campanaId },
      userOfRole('admin', { sub: 'ada@admin' }),
    );
    await outcomeOf(activa.data.activarCampana.correlationId);
    const conversion = { id: newId(), afiliadoId, campanaId, valor: '50.00', moneda: 'USD', tipo: 'VENTA' as const, registradaEn: new Date().toISOString() };
    const integracion = { sub: 'tienda-online', scopes: ['conversiones:write'] };
    await bus.publish(TOPICS.conversionesEventos, {
      key: conversion.id,
      body: serializeMessage(createEnvelope('ConversionRegistrada', conversion.id, { conversion }, { correlationId: newId(), actor: integracion })),
    });
    const calculada = await comisionesEventos.waitFor('ComisionCalculada', (message) => message.payload.comision.conversionId === conversion.id);
    const rechazo = await mutate(
      `mutation ($id: ID!) { rechazarComision(id: $id, motivo: "venta anulada") { correlationId } }`,
      { id: calculada.key },
      marketing,
    );
    await outcomeOf(rechazo.data.rechazarComision.correlationId);

    const { data, errors } = await mutate(
      `{ campana(id: "${campanaId}") { historial { estado por correlationId } } comision(id: "${calculada.key}") { historial { estado por motivo } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.campana.historial).toEqual([
      { estado: 'DRAFT', por: 'marta@marketing', correlationId: creada.data.crearCampana.correlationId },
      { estado: 'ACTIVE', por: 'ada@admin', correlationId: activa.data.activarCampana.correlationId },
    ]);
    expect(data.comision.historial).toEqual([
      { estado: 'CALCULADA', por: 'tienda-online', motivo: null },
      { estado: 'RECHAZADA', por: 'marta@marketing', motivo: 'venta anulada' },
    ]);
    const inbox = await prisma.inboxMessage.findFirst({ where: { correlationId: rechazo.data.rechazarComision.correlationId } });
    expect(inbox).toMatchObject({
      type: 'RechazarComision',
      outcome: 'COMPLETADO',
      actorSub: 'marta@marketing',
      actorScopes: expect.arrayContaining(['comisiones:write']),
    });
    const afiliado = await mutate(`{ comision(id: "${calculada.key}") { historial { estado } } }`, undefined, userOfRole('afiliado', { afiliadoId }));
    expect(afiliado.errors?.[0]?.extensions?.code).toBe('FORBIDDEN'); // historial is admin's and marketing's
  });
});
