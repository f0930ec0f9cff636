import { createEnvelope, serializeMessage, TOPICS } from '@alpes/contracts';
import { newId } from '@alpes/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aceptadoYResuelto,
  CAMPANA_CONOCIDA,
  campanaCreada,
  campanaProyectada,
  conversionValida,
  publicar,
  REGISTRAR,
  startConversionesWriteHarness,
  type ConversionesWriteHarness,
} from './support/conversiones-write-harness.js';
import { outcomeOf, waitUntil } from '@alpes/testing';
import { TEST_ACTOR } from '@alpes/testing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let h: ConversionesWriteHarness;

beforeAll(async () => {
  h = await startConversionesWriteHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Metadata whose JSON takes exactly `bytes` bytes. */
const metadataOf = (bytes: number) => ({ relleno: 'x'.repeat(bytes - '{"relleno":""}'.length) });

describe('registrarConversion, with the conversiones workers running', () => {
  it('answers ComandoAceptado at once; the worker registers the conversion now and publishes ConversionRegistrada and ComandoCompletado', async () => {
    const input = conversionValida();
    const antes = Date.now();
    const { data, errors } = await h.graphql(REGISTRAR, { input });
    expect(errors).toBeUndefined();
    const aceptado = data.registrarConversion;
    expect(aceptado).toEqual({ correlationId: expect.stringMatching(UUID), id: expect.stringMatching(UUID), aceptadoEn: expect.any(String) });

    const fila = await waitUntil('the new conversion row', () => h.prisma.conversion.findUnique({ where: { id: aceptado.id } }));
    expect(fila).toMatchObject({ afiliadoId: input.afiliadoId, campanaId: input.campanaId, moneda: 'USD', tipo: 'VENTA', metadata: input.metadata });
    expect(fila.valor.toFixed(2)).toBe('120.50');
    expect(fila.registradaEn.getTime()).toBeGreaterThanOrEqual(antes - 5);
    expect(fila.registradaEn.getTime()).toBeLessThanOrEqual(Date.now());

    const [comando] = h.comandos.of('RegistrarConversion', (message) => message.correlationId === aceptado.correlationId);
    const evento = await h.eventos.waitFor('ConversionRegistrada', (message) => message.key === aceptado.id);
    expect(evento.payload.conversion).toEqual({
      id: aceptado.id,
      afiliadoId: input.afiliadoId,
      campanaId: input.campanaId,
      valor: '120.50',
      moneda: 'USD',
      tipo: 'VENTA',
      registradaEn: fila.registradaEn.toISOString(),
    });
    expect(evento).toMatchObject({ correlationId: aceptado.correlationId, causationId: comando?.id });
    const completado = await h.resultados.waitFor('ComandoCompletado', (message) => message.correlationId === aceptado.correlationId);
    expect(completado.payload).toEqual({ comandoId: comando?.id, comando: 'RegistrarConversion', entidadId: aceptado.id });

    // Published by the relay from the committed outbox row, which it then marks.
    const fromOutbox = await waitUntil('the event marked published', () =>
      h.prisma.outboxMessage.findFirst({ where: { id: evento.id, publishedAt: { not: null } } }),
    );
    expect(fromOutbox).toMatchObject({ topic: TOPICS.conversionesEventos, key: aceptado.id });
    const leido = await h.graphql(`{ conversion(id: "${aceptado.id}") { valor moneda metadata afiliado { id } } }`);
    expect(leido.data.conversion).toEqual({ valor: '120.50', moneda: 'USD', metadata: input.metadata, afiliado: { id: input.afiliadoId } });
  });

  it('stores {} when metadata is absent or null, and takes an object written inline in the query', async () => {
    for (const metadata of [undefined, null]) {
      const { aceptado, resultado } = await aceptadoYResuelto(h, { input: conversionValida({ metadata, tipo: 'CLIC', valor: '0.01' }) });
      expect(resultado.type).toBe('ComandoCompletado');
      expect(await h.prisma.conversion.findUnique({ where: { id: aceptado.id }, select: { metadata: true, tipo: true } })).toEqual({
        metadata: {},
        tipo: 'CLIC',
      });
    }
    const { afiliadoId, campanaId } = conversionValida();
    const { data } = await h.graphql(`mutation { registrarConversion(input: {
      afiliadoId: "${afiliadoId}", campanaId: "${campanaId}", valor: "15", moneda: "COP", tipo: LEAD, metadata: { canal: "tienda", pasos: [1, 2] } }) { id correlationId } }`);
    expect((await outcomeOf(h.resultados, data.registrarConversion.correlationId)).type).toBe('ComandoCompletado');
    const fila = await h.prisma.conversion.findUniqueOrThrow({ where: { id: data.registrarConversion.id } });
    expect([fila.metadata, fila.valor.toFixed(2)]).toEqual([{ canal: 'tienda', pasos: [1, 2] }, '15.00']);
  });

  it('refuses invalid input with BAD_USER_INPUT naming the field, and queues nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['input.afiliadoId', { afiliadoId: 'afiliado-1' }],
      ['input.campanaId', { campanaId: '1234' }],
      ['input.valor', { valor: '0' }],
      ['input.valor', { valor: '-10' }],
      ['input.valor', { valor: '10.999' }],
      ['input.moneda', { moneda: 'XYZ' }],
      ['input.moneda', { moneda: 'dólares' }],
      ['input.metadata', { metadata: [{ canal: 'web' }] }],
      ['input.metadata', { metadata: 'canal=web' }],
      ['input.metadata', { metadata: 42 }],
      ['input.metadata', { metadata: metadataOf(8 * 1024 + 1) }],
    ];
    const marcas = new Set<string>();
    for (const [field, invalido] of cases) {
      const input = conversionValida(invalido);
      marcas.add(String(input.afiliadoId));
      const { data, errors } = await h.graphql(REGISTRAR, { input });
      expect(data, field).toBeNull();
      expect(errors?.[0]?.extensions, JSON.stringify(invalido).slice(0, 60)).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    // Sent afterwards, on the limit (exactly 8 KB), it is queued and applied: had an invalid one been queued, it would be before it.
    const { aceptado, resultado } = await aceptadoYResuelto(h, { input: conversionValida({ metadata: metadataOf(8 * 1024) }) });
    expect(resultado.type).toBe('ComandoCompletado');
    expect(h.comandos.of('RegistrarConversion', (message) => message.correlationId === aceptado.correlationId)).toHaveLength(1);
    expect(h.comandos.of('RegistrarConversion', (message) => marcas.has(message.payload.afiliadoId))).toEqual([]);
  });

  it('applies a command delivered twice only once: one row, one event, one outcome', async () => {
    const conversionId = newId();
    const payload = { conversionId, afiliadoId: newId(), campanaId: CAMPANA_CONOCIDA, valor: '99.90', moneda: 'COP', tipo: 'LEAD' as const, metadata: {} };
    const envelope = createEnvelope('RegistrarConversion', conversionId, payload, { correlationId: newId(), actor: TEST_ACTOR });
    const body = serializeMessage(envelope);
    await h.bus.publish(TOPICS.conversionesComandos, { key: conversionId, body, properties: { type: envelope.type } });
    await h.bus.publish(TOPICS.conversionesComandos, { key: conversionId, body, properties: { type: envelope.type } });
    // Messages of one key are applied in order: once a later one has its outcome, both copies were handled.
    const despues = createEnvelope('RegistrarConversion', conversionId, { ...payload, conversionId: newId() }, { correlationId: newId(), actor: TEST_ACTOR });
    await h.bus.publish(TOPICS.conversionesComandos, { key: conversionId, body: serializeMessage(despues), properties: { type: despues.type } });
    expect((await outcomeOf(h.resultados, despues.correlationId)).type).toBe('ComandoCompletado');

    expect(await h.prisma.conversion.count({ where: { id: conversionId } })).toBe(1);
    await h.eventos.waitFor('ConversionRegistrada', (message) => message.correlationId === despues.correlationId);
    expect(h.eventos.of('ConversionRegistrada', (message) => message.key === conversionId)).toHaveLength(1);
    expect(h.resultados.messages.filter((message) => message.correlationId === envelope.correlationId)).toHaveLength(1);
    expect(await h.prisma.inboxMessage.count({ where: { correlationId: envelope.correlationId } })).toBe(1);
  });

  it('answers UNAVAILABLE while the bus is down and persists nothing; readiness reports the bus', async () => {
    const input = conversionValida();
    h.bus.simulateOutage(true);
    try {
      const ready = await (await fetch(h.subgraph.url.replace('/graphql', '/ready'))).json();
      expect(ready).toMatchObject({ ready: false, checks: { database: 'ok', bus: 'message bus not connected' } });
      const { data, errors } = await h.graphql(REGISTRAR, { input });
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    } finally {
      h.bus.simulateOutage(false);
    }
    await aceptadoYResuelto(h, { input: conversionValida() }); // the bus works again, and lets a later command through
    expect(h.comandos.of('RegistrarConversion', (message) => message.payload.afiliadoId === input.afiliadoId)).toEqual([]);
    expect(await h.prisma.conversion.count({ where: { afiliadoId: String(input.afiliadoId) } })).toBe(0);
  });

  it('publishes nothing while the transaction cannot commit, and the event exactly once after it does', async () => {
    const input = conversionValida();
    await h.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.afiliado_id = '${String(input.afiliadoId)}' THEN RAISE EXCEPTION 'commit refused by the test'; END IF; RETURN NEW; END $$`);
    await h.prisma.$executeRawUnsafe(`CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON conversiones
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()`);
    const { data } = await h.graphql(REGISTRAR, { input });
    const { id, correlationId } = data.registrarConversion;
    const failures = () => h.failedDeliveries.filter((message) => JSON.parse(message.body).correlationId === correlationId).length;
    await waitUntil('two failed commits', () => failures() >= 2);

    // The handler ran and wrote its event to the outbox, but COMMIT failed: nothing of it exists or went out.
    expect(await h.prisma.conversion.count({ where: { id } })).toBe(0);
    expect(await h.prisma.$queryRawUnsafe(`SELECT id FROM outbox_messages WHERE envelope->>'correlationId' = $1`, correlationId)).toEqual([]);
    expect(h.eventos.of('ConversionRegistrada', (message) => message.key === id)).toEqual([]);
    expect(h.resultados.messages.filter((message) => message.correlationId === correlationId)).toEqual([]);

    await h.prisma.$executeRawUnsafe('DROP TRIGGER refuse_commit ON conversiones');
    await h.prisma.$executeRawUnsafe('DROP FUNCTION refuse_commit()');
    expect((await outcomeOf(h.resultados, correlationId)).type).toBe('ComandoCompletado');
    await h.eventos.waitFor('ConversionRegistrada', (message) => message.key === id);
    // the relay publishes in outbox order: once a later command's event is out, a second copy would be out too
    const marca = await aceptadoYResuelto(h, { input: conversionValida() });
    await h.eventos.waitFor('ConversionRegistrada', (message) => message.correlationId === marca.aceptado.correlationId);
    expect(h.eventos.of('ConversionRegistrada', (message) => message.key === id)).toHaveLength(1);
    expect(await h.prisma.conversion.count({ where: { id } })).toBe(1);
  });
});

describe('a conversion only in a campaign conversiones knows (its projection of CampanaCreada from marketing.eventos)', () => {
  const intentosDe = (correlationId: string) => h.failedDeliveries.filter((message) => JSON.parse(message.body).correlationId === correlationId).length;

  it('waits for a campaign created a moment ago: registered once its CampanaCreada arrives; conversion.campana answers its name', async () => {
    const campanaId = newId();
    const { data } = await h.graphql(REGISTRAR, { input: conversionValida({ campanaId }) });
    const { id, correlationId } = data.registrarConversion;
    await waitUntil('an attempt refused while the campaign is unknown', () => intentosDe(correlationId) >= 1);
    expect(await h.prisma.conversion.count({ where: { id } })).toBe(0);

    await campanaProyectada(h, campanaId, 'Campaña recién creada');
    expect((await outcomeOf(h.resultados, correlationId)).type).toBe('ComandoCompletado');
    expect(await h.prisma.conversion.count({ where: { id } })).toBe(1);
    const leido = await h.graphql(`{ conversion(id: "${id}") { campana { id nombre } } }`);
    expect(leido.errors).toBeUndefined();
    expect(leido.data.conversion.campana).toEqual({ id: campanaId, nombre: 'Campaña recién creada' });
  });

  it('projects a campaign once however many copies of its CampanaCreada arrive (the same message again too): one row, no inbox row', async () => {
    const campanaId = newId();
    const copias = ['Copia uno', 'Copia dos', 'Copia tres'].map((nombre) => campanaCreada(campanaId, nombre));
    // one after the other, each seen applied (the names differ only so that each copy's upsert can be seen)
    for (const copia of [...copias, copias[0]!]) {
      await publicar(h, copia);
      const nombre = copia.payload.campana.nombre;
      await waitUntil(
        `the copy "${nombre}" applied`,
        async () => (await h.prisma.campanaProyeccion.findUnique({ where: { id: campanaId } }))?.nombre === nombre,
      );
    }
    expect(await h.prisma.campanaProyeccion.findMany({ where: { id: campanaId }, select: { nombre: true } })).toHaveLength(1);
    // an upsert of a name needs no inbox: a row per event there was most of what the projection cost per campaign
    expect(await h.prisma.inboxMessage.count({ where: { id: { in: copias.map((copia) => copia.id) } } })).toBe(0);
  });

  it('rejects it after its retries when the campaign never appears: ComandoRechazado says so, and nothing is stored or published', async () => {
    const campanaId = newId();
    const { data } = await h.graphql(REGISTRAR, { input: conversionValida({ campanaId }) });
    const { id, correlationId } = data.registrarConversion;
    const resultado = await outcomeOf(h.resultados, correlationId, 30_000);
    expect(resultado.type).toBe('ComandoRechazado');
    expect(resultado.payload).toMatchObject({ motivo: `La campaña ${campanaId} no existe` });
    expect(intentosDe(correlationId)).toBeGreaterThanOrEqual(20); // it waited through its retries first
    expect(await h.prisma.conversion.count({ where: { id } })).toBe(0);
    expect(h.eventos.of('ConversionRegistrada', (message) => message.key === id)).toEqual([]);
  });
});
