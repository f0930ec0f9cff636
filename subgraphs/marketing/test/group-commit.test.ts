// Group commit, checked in the database: a burst of commands is applied in shared transactions (each with ONE inbox
// claim, ONE insert of its new campaigns, ONE of their affiliates and ONE outbox write), and every command still takes
// effect exactly once.
import { TOPICS, createEnvelope, type PayloadOf, type TypedEnvelope } from '@alpes/contracts';
import { newId } from '@alpes/platform';
import { caughtUp, outcomeOf } from '@alpes/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afiliadoProyectado, campanaEn, publicar, startMarketingWriteHarness, type MarketingWriteHarness } from './support/marketing-write-harness.js';
import { TEST_ACTOR } from '@alpes/testing';

let h: MarketingWriteHarness;

beforeAll(async () => {
  h = await startMarketingWriteHarness();
  // Every INSERT statement into the inbox, the outbox, campanas and campana_afiliados, with its transaction and row count.
  for (const statement of [
    'CREATE TABLE test_statements (tabla text NOT NULL, txid bigint NOT NULL, filas int NOT NULL)',
    `CREATE FUNCTION test_registrar_statement() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO test_statements SELECT TG_TABLE_NAME, txid_current(), count(*) FROM nuevas; RETURN NULL; END $$`,
    'CREATE TRIGGER test_inbox AFTER INSERT ON inbox_messages REFERENCING NEW TABLE AS nuevas FOR EACH STATEMENT EXECUTE FUNCTION test_registrar_statement()',
    'CREATE TRIGGER test_outbox AFTER INSERT ON outbox_messages REFERENCING NEW TABLE AS nuevas FOR EACH STATEMENT EXECUTE FUNCTION test_registrar_statement()',
    'CREATE TRIGGER test_campanas AFTER INSERT ON campanas REFERENCING NEW TABLE AS nuevas FOR EACH STATEMENT EXECUTE FUNCTION test_registrar_statement()',
    'CREATE TRIGGER test_afiliados AFTER INSERT ON campana_afiliados REFERENCING NEW TABLE AS nuevas FOR EACH STATEMENT EXECUTE FUNCTION test_registrar_statement()',
  ]) {
    await h.prisma.$executeRawUnsafe(statement);
  }
});
afterAll(async () => {
  await h?.close();
});

interface Transaccion {
  txid: string;
  campanas: number;
  inbox: number[];
  outbox: number[];
  nuevas: number[];
  afiliados: number[];
}

/** The transactions that created these campaigns (xmin of their rows), each with its inbox and outbox INSERT statements. */
async function transaccionesQueCrearon(ids: string[]): Promise<Transaccion[]> {
  return h.prisma.$queryRawUnsafe<Transaccion[]>(
    `SELECT c.txid::text AS txid, c.campanas::int AS campanas,
            coalesce(array_agg(s.filas ORDER BY s.filas) FILTER (WHERE s.tabla = 'inbox_messages'), '{}') AS inbox,
            coalesce(array_agg(s.filas ORDER BY s.filas) FILTER (WHERE s.tabla = 'outbox_messages'), '{}') AS outbox,
            coalesce(array_agg(s.filas ORDER BY s.filas) FILTER (WHERE s.tabla = 'campanas'), '{}') AS nuevas,
            coalesce(array_agg(s.filas ORDER BY s.filas) FILTER (WHERE s.tabla = 'campana_afiliados'), '{}') AS afiliados
       FROM (SELECT xmin::text::bigint AS txid, count(*) AS campanas FROM campanas WHERE id = ANY($1::uuid[]) GROUP BY 1) c
       LEFT JOIN test_statements s ON s.txid % 4294967296 = c.txid
      GROUP BY c.txid, c.campanas ORDER BY c.txid`,
    ids,
  );
}

function crearCampana(nombre: string, afiliadoId: string, campos: Partial<PayloadOf<'CrearCampana'>> = {}) {
  const campanaId = newId();
  const payload: PayloadOf<'CrearCampana'> = {
    campanaId,
    nombre,
    descripcion: null,
    fechaInicio: '2026-12-01',
    fechaFin: '2026-12-02',
    presupuesto: '1.00',
    metaConversiones: 1,
    tipo: 'DIGITAL' as const,
    porcentajeComision: '5.00',
    tags: [],
    afiliadoIds: [afiliadoId],
    ...campos,
  };
  return createEnvelope('CrearCampana', campanaId, payload, { correlationId: newId(), actor: TEST_ACTOR });
}

/** Publishes every command at once (so that they queue behind the first transactions) and waits for every outcome. */
async function rafaga(commands: TypedEnvelope[]) {
  await Promise.all(commands.map((command) => publicar(h, TOPICS.campanasComandos, command)));
  return Promise.all(commands.map(async (command) => (await outcomeOf(h.resultados, command.correlationId)).type));
}

/** Waits until a command with this key has been applied after everything sent before: a key's messages are applied in order. */
async function despuesDeTodoLoDe(key: string) {
  const siguiente = createEnvelope('PausarCampana', key, { campanaId: key }, { correlationId: newId(), actor: TEST_ACTOR });
  await publicar(h, TOPICS.campanasComandos, siguiente);
  await outcomeOf(h.resultados, siguiente.correlationId);
  await Promise.all([caughtUp(h.bus, h.eventos), caughtUp(h.bus, h.resultados)]);
}

async function expectAppliedOnce(creates: ReturnType<typeof crearCampana>[], duplicate: ReturnType<typeof crearCampana>) {
  const ids = creates.map((command) => command.key);
  expect(await h.prisma.campana.count({ where: { id: { in: ids } } })).toBe(creates.length);
  expect(await h.prisma.campanaAfiliado.count({ where: { campanaId: { in: ids } } })).toBe(creates.length);
  for (const id of ids) expect(h.eventos.of('CampanaCreada', (message) => message.key === id)).toHaveLength(1);
  expect(h.resultados.messages.filter((message) => message.correlationId === duplicate.correlationId)).toHaveLength(1);
}

describe('group commit', () => {
  it('a burst of 40 commands (one of them delivered twice) shares transactions, each with one inbox claim, one insert of its campaigns, one of their affiliates and one outbox write, and applies each once', async () => {
    const afiliadoId = await afiliadoProyectado(h);
    const creates = Array.from({ length: 39 }, (_, index) => crearCampana(`Ráfaga ${index}`, afiliadoId));
    const outcomes = await rafaga([...creates.slice(0, 20), creates[5]!, ...creates.slice(20)]);
    expect(new Set(outcomes)).toEqual(new Set(['ComandoCompletado']));
    await despuesDeTodoLoDe(creates[5]!.key);
    await expectAppliedOnce(creates, creates[5]!);

    // fewer transactions than campaigns, some with several...
    const transacciones = await transaccionesQueCrearon(creates.map((command) => command.key));
    expect(transacciones.reduce((sum, tx) => sum + tx.campanas, 0)).toBe(39);
    expect(transacciones.length).toBeLessThan(39);
    expect(Math.max(...transacciones.map((tx) => tx.campanas))).toBeGreaterThan(1);
    // ...each claiming all its commands in one inbox statement, creating all its campaigns in one statement and their
    // affiliates in another, and writing all its events and outcomes in one outbox statement
    for (const tx of transacciones) {
      const { inbox, nuevas, afiliados, outbox } = tx;
      expect({ inbox, nuevas, afiliados, outbox }).toEqual({
        inbox: [tx.campanas],
        nuevas: [tx.campanas],
        afiliados: [tx.campanas],
        outbox: [2 * tx.campanas],
      });
    }
  });

  it('writes every row of a batch as its command says (quotes, backslashes, accents, tags, dates, decimals, the actor), and its outbox in the order the messages were applied', async () => {
    const afiliadoId = await afiliadoProyectado(h);
    const creates = Array.from({ length: 30 }, (_, index) =>
      crearCampana(`Ráfaga "literal" \\ ${index} ñ, {a,b}`, afiliadoId, {
        descripcion: index % 2 === 0 ? null : `línea 1\nlínea "2" \\N ${index}`,
        fechaInicio: '2026-02-28',
        fechaFin: '2027-01-01',
        presupuesto: `${1000 + index}.25`,
        metaConversiones: index,
        tipo: 'ESTACIONAL',
        porcentajeComision: '12.50',
        tags: index % 3 === 0 ? [] : ['verano', `"${index}"`, 'a,b', 'NULL'],
      }),
    );
    expect(new Set(await rafaga(creates))).toEqual(new Set(['ComandoCompletado']));
    await Promise.all([caughtUp(h.bus, h.eventos), caughtUp(h.bus, h.resultados)]);
    const transacciones = await transaccionesQueCrearon(creates.map((command) => command.key));
    expect(Math.max(...transacciones.map((tx) => tx.campanas))).toBeGreaterThan(1); // some rows were written as a batch

    for (const { key, id: comandoId, correlationId, payload } of creates) {
      const { campanaId, afiliadoIds, ...campos } = payload;
      const fila = await h.prisma.campana.findUniqueOrThrow({ where: { id: campanaId }, include: { afiliados: true, historial: true } });
      expect({
        ...fila,
        fechaInicio: fila.fechaInicio.toISOString().slice(0, 10),
        fechaFin: fila.fechaFin.toISOString().slice(0, 10),
        presupuesto: fila.presupuesto.toFixed(2),
        porcentajeComision: fila.porcentajeComision.toFixed(2),
      }).toMatchObject({ ...campos, id: key, estado: 'DRAFT' });
      expect(fila.afiliados.map((asignado) => asignado.afiliadoId)).toEqual(afiliadoIds);
      expect(fila.historial).toMatchObject([{ estado: 'DRAFT', por: TEST_ACTOR.sub, porScopes: TEST_ACTOR.scopes }]);
      expect(await h.prisma.inboxMessage.findUniqueOrThrow({ where: { id: comandoId } })).toMatchObject({
        type: 'CrearCampana',
        outcome: 'COMPLETADO',
        actorSub: TEST_ACTOR.sub,
        actorScopes: TEST_ACTOR.scopes,
      });
      // the outbox: the command's event, then its outcome, next to each other (the rows keep the order they were given)
      const salida = await h.prisma.outboxMessage.findMany({ where: { envelope: { path: ['causationId'], equals: comandoId } }, orderBy: { sequence: 'asc' } });
      expect(salida.map((fila) => [(fila.envelope as { type: string }).type, fila.topic, fila.key])).toEqual([
        ['CampanaCreada', TOPICS.marketingEventos, campanaId],
        ['ComandoCompletado', TOPICS.resultadosComandos, correlationId],
      ]);
      expect(salida[1]!.sequence - salida[0]!.sequence).toBe(1n);
      const [publicado] = h.eventos.of('CampanaCreada', (message) => message.key === campanaId);
      expect(salida[0]!.envelope).toEqual(JSON.parse(JSON.stringify(publicado)));
    }
  });

  it('a forbidden transition in a burst is rejected alone: the batch it was in is applied again command by command, each exactly once', async () => {
    const afiliadoId = await afiliadoProyectado(h);
    const borrador = await campanaEn(h, 'DRAFT');
    const creates = Array.from({ length: 38 }, (_, index) => crearCampana(`Ráfaga con error ${index}`, afiliadoId));
    const forbidden = createEnvelope('PausarCampana', borrador, { campanaId: borrador }, { correlationId: newId(), actor: TEST_ACTOR }); // DRAFT cannot pause
    const outcomes = await rafaga([...creates.slice(0, 20), forbidden, creates[5]!, ...creates.slice(20)]);
    expect(outcomes.filter((type) => type === 'ComandoRechazado')).toHaveLength(1);
    expect(outcomes[20]).toBe('ComandoRechazado');
    await despuesDeTodoLoDe(creates[5]!.key);
    await expectAppliedOnce(creates, creates[5]!);
    expect(await h.prisma.campana.findUnique({ where: { id: borrador } })).toMatchObject({ estado: 'DRAFT' });
  });
});
