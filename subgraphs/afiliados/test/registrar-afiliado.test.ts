import { createEnvelope, serializeMessage, TOPICS } from '@alpes/contracts';
import { newId } from '@alpes/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aceptadoYResuelto, REGISTRAR, registroValido, startAfiliadosWriteHarness, type AfiliadosWriteHarness } from './support/afiliados-write-harness.js';
import { outcomeOf, waitUntil } from '@alpes/testing';
import { TEST_ACTOR } from '@alpes/testing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let h: AfiliadosWriteHarness;

beforeAll(async () => {
  h = await startAfiliadosWriteHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('registrarAfiliado, with the afiliados workers running', () => {
  it('answers ComandoAceptado at once; the worker creates the ACTIVO affiliate and publishes AfiliadoRegistrado and ComandoCompletado', async () => {
    const input = registroValido({ nombre: '  Ana Torres ', email: ' Ana.Torres@Example.COM ', comisionBase: '7.5' });
    const { data, errors } = await h.graphql(REGISTRAR, { input });
    expect(errors).toBeUndefined();
    const aceptado = data.registrarAfiliado;
    expect(aceptado).toEqual({ correlationId: expect.stringMatching(UUID), id: expect.stringMatching(UUID), aceptadoEn: expect.any(String) });
    expect(Date.parse(aceptado.aceptadoEn)).not.toBeNaN();

    const fila = await waitUntil('the new affiliate row', () => h.prisma.afiliado.findUnique({ where: { id: aceptado.id } }));
    expect(fila).toMatchObject({
      nombre: 'Ana Torres',
      email: 'ana.torres@example.com',
      telefono: '+57 (300) 123-4567',
      tipoAfiliacion: 'PREMIUM',
      estado: 'ACTIVO',
    });
    expect(fila.comisionBase.toFixed(2)).toBe('7.50');

    const [comando] = h.comandos.of('RegistrarAfiliado', (message) => message.correlationId === aceptado.correlationId);
    const evento = await h.eventos.waitFor('AfiliadoRegistrado', (message) => message.key === aceptado.id);
    expect(evento.payload.afiliado).toEqual({
      id: aceptado.id,
      nombre: 'Ana Torres',
      email: 'ana.torres@example.com',
      telefono: '+57 (300) 123-4567',
      tipoAfiliacion: 'PREMIUM',
      comisionBase: '7.50',
      estado: 'ACTIVO',
    });
    expect(evento).toMatchObject({ correlationId: aceptado.correlationId, causationId: comando?.id });
    const completado = await h.resultados.waitFor('ComandoCompletado', (message) => message.correlationId === aceptado.correlationId);
    expect(completado.payload).toEqual({ comandoId: comando?.id, comando: 'RegistrarAfiliado', entidadId: aceptado.id });

    // Published by the relay from the committed outbox row, which it then marks.
    const fromOutbox = await waitUntil('the event marked published', () =>
      h.prisma.outboxMessage.findFirst({ where: { id: evento.id, publishedAt: { not: null } } }),
    );
    expect(fromOutbox).toMatchObject({ topic: TOPICS.afiliadosEventos, key: aceptado.id });
    const leido = await h.graphql(`{ afiliado(id: "${aceptado.id}") { email estado comisionBase } }`);
    expect(leido.data.afiliado).toEqual({ email: 'ana.torres@example.com', estado: 'ACTIVO', comisionBase: '7.50' });
  });

  it('refuses invalid input with BAD_USER_INPUT naming the field, and queues nothing', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['input.nombre', { nombre: '   ' }],
      ['input.nombre', { nombre: 'x'.repeat(201) }],
      ['input.email', { email: 'no-es-un-email' }],
      ['input.email', { email: 'ana@' }],
      ['input.email', { email: `${'a'.repeat(320)}@example.com` }],
      ['input.telefono', { telefono: 'llámame 1234' }],
      ['input.telefono', { telefono: '123 45' }],
      ['input.telefono', { telefono: '1'.repeat(21) }],
      ['input.comisionBase', { comisionBase: '100.01' }],
      ['input.comisionBase', { comisionBase: '-1' }],
      ['input.comisionBase', { comisionBase: '12.345' }],
    ];
    const marcas: string[] = [];
    for (const [field, invalido] of cases) {
      const input = registroValido(invalido);
      marcas.push(String(input.nombre), String(input.email));
      const { data, errors } = await h.graphql(REGISTRAR, { input });
      expect(data, field).toBeNull();
      expect(errors?.[0]?.extensions, JSON.stringify(invalido).slice(0, 60)).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    // A valid command sent afterwards is on the topic: had any invalid one been queued, it would be before it.
    const { aceptado } = await aceptadoYResuelto(h, REGISTRAR, { input: registroValido() });
    expect(h.comandos.of('RegistrarAfiliado', (message) => message.correlationId === aceptado.correlationId)).toHaveLength(1);
    const encolados = h.comandos.of('RegistrarAfiliado', (message) => marcas.includes(message.payload.nombre) || marcas.includes(message.payload.email));
    expect(encolados).toEqual([]);
  });

  it('rejects a second registration of an email (in any case) with ComandoRechazado, keeping one affiliate', async () => {
    const primero = registroValido();
    const { aceptado: original } = await aceptadoYResuelto(h, REGISTRAR, { input: primero });
    const { aceptado, resultado } = await aceptadoYResuelto(h, REGISTRAR, { input: registroValido({ email: String(primero.email).toUpperCase() }) });
    expect(resultado.type).toBe('ComandoRechazado');
    expect(resultado.payload).toMatchObject({ comando: 'RegistrarAfiliado', entidadId: aceptado.id, motivo: `El email ${primero.email} ya está registrado` });
    expect(await h.prisma.afiliado.findMany({ where: { email: String(primero.email) }, select: { id: true } })).toEqual([{ id: original.id }]);
    expect(await h.prisma.afiliado.findUnique({ where: { id: aceptado.id } })).toBeNull();
    expect(h.eventos.of('AfiliadoRegistrado', (message) => message.correlationId === aceptado.correlationId)).toEqual([]);
  });

  it('applies a command delivered twice only once: one row, one event, one outcome', async () => {
    const afiliadoId = newId();
    const input = registroValido();
    const payload = {
      afiliadoId,
      nombre: String(input.nombre),
      email: String(input.email),
      telefono: null,
      tipoAfiliacion: 'STANDARD' as const,
      comisionBase: '5.00',
    };
    const body = serializeMessage(createEnvelope('RegistrarAfiliado', afiliadoId, payload, { correlationId: newId(), actor: TEST_ACTOR }));
    const correlationId = JSON.parse(body).correlationId as string;
    await h.bus.publish(TOPICS.afiliadosComandos, { key: afiliadoId, body, properties: { type: 'RegistrarAfiliado' } });
    await h.bus.publish(TOPICS.afiliadosComandos, { key: afiliadoId, body, properties: { type: 'RegistrarAfiliado' } });
    // One key's commands are applied in order: once a later one has its outcome, both copies were handled.
    const despues = createEnvelope(
      'ActualizarAfiliado',
      afiliadoId,
      { afiliadoId, cambios: { nombre: 'Después del duplicado' } },
      { correlationId: newId(), actor: TEST_ACTOR },
    );
    await h.bus.publish(TOPICS.afiliadosComandos, { key: afiliadoId, body: serializeMessage(despues), properties: { type: despues.type } });
    expect((await outcomeOf(h.resultados, despues.correlationId)).type).toBe('ComandoCompletado');

    expect(await h.prisma.afiliado.count({ where: { id: afiliadoId } })).toBe(1);
    await h.eventos.waitFor('AfiliadoActualizado', (message) => message.key === afiliadoId);
    expect(h.eventos.of('AfiliadoRegistrado', (message) => message.key === afiliadoId)).toHaveLength(1);
    expect(h.resultados.messages.filter((message) => message.correlationId === correlationId)).toHaveLength(1);
    expect(await h.prisma.inboxMessage.count({ where: { correlationId } })).toBe(1);
  });

  it('answers UNAVAILABLE while the bus is down and persists nothing; readiness reports the bus', async () => {
    const input = registroValido();
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
    await aceptadoYResuelto(h, REGISTRAR, { input: registroValido() }); // the bus works again, and lets a later command through
    expect(h.comandos.of('RegistrarAfiliado', (message) => message.payload.email === input.email)).toEqual([]);
    expect(await h.prisma.afiliado.count({ where: { email: String(input.email) } })).toBe(0);
  });

  it('publishes nothing while the transaction cannot commit, and the event exactly once after it does', async () => {
    const input = registroValido();
    await h.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.email = '${String(input.email)}' THEN RAISE EXCEPTION 'commit refused by the test'; END IF; RETURN NEW; END $$`);
    await h.prisma.$executeRawUnsafe(`CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON afiliados
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()`);
    const { data } = await h.graphql(REGISTRAR, { input });
    const { id, correlationId } = data.registrarAfiliado;
    const failures = () => h.failedDeliveries.filter((message) => JSON.parse(message.body).correlationId === correlationId).length;
    await waitUntil('two failed commits', () => failures() >= 2);

    // The handler ran and wrote its event to the outbox, but COMMIT failed: nothing of it exists or went out.
    expect(await h.prisma.afiliado.count({ where: { id } })).toBe(0);
    expect(await h.prisma.$queryRawUnsafe(`SELECT id FROM outbox_messages WHERE envelope->>'correlationId' = $1`, correlationId)).toEqual([]);
    expect(h.eventos.of('AfiliadoRegistrado', (message) => message.key === id)).toEqual([]);
    expect(h.resultados.messages.filter((message) => message.correlationId === correlationId)).toEqual([]);

    await h.prisma.$executeRawUnsafe('DROP TRIGGER refuse_commit ON afiliados');
    await h.prisma.$executeRawUnsafe('DROP FUNCTION refuse_commit()');
    expect((await outcomeOf(h.resultados, correlationId)).type).toBe('ComandoCompletado');
    await h.eventos.waitFor('AfiliadoRegistrado', (message) => message.key === id);
    // the relay publishes in outbox order: once a later command's event is out, a second copy would be out too
    const marca = await aceptadoYResuelto(h, REGISTRAR, { input: registroValido() });
    await h.eventos.waitFor('AfiliadoRegistrado', (message) => message.correlationId === marca.aceptado.correlationId);
    expect(h.eventos.of('AfiliadoRegistrado', (message) => message.key === id)).toHaveLength(1);
    expect(await h.prisma.afiliado.count({ where: { id } })).toBe(1);
  });
});
