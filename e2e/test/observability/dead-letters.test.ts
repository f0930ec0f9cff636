import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '@alpes/contracts';
import { busStatsFor, runDlqCommand } from '@alpes/observability';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';
import { loadOperations } from '../support/operations.js';
import { scrape, until, valueOf } from '../support/prometheus-text.js';

// A message marketing cannot apply (its projection table refuses inserts: a real trigger in its real database) is
// retried, then dead-lettered with its error; once the database is fixed, `dlq replay` brings it back and the worker
// applies it exactly once. Same commands as `npm run dlq`, on the stack's memory bus.
const op = loadOperations('FlujoNegocio.graphql');
let stack: TestStack;
let marketingDb: pg.Client;
const dlq = (...args: string[]) => runDlqCommand(args, stack.bus, busStatsFor(stack.bus));
const dlqGauge = async () => valueOf(await scrape(new URL(stack.urls.marketing).origin), 'bus_dlq_messages', { topic: TOPICS.afiliadosEventos });

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  marketingDb = new pg.Client({ connectionString: stack.databaseUrls.marketing });
  await marketingDb.connect();
});
afterAll(async () => {
  await marketingDb?.end();
  await stack?.stop();
});

describe('dead letters: list and replay', () => {
  let afiliadoId: string;

  it('a poisoned event is dead-lettered with its error, and list shows it', async () => {
    await marketingDb.query(`CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'projection refused for the test'; END $$`);
    await marketingDb.query('CREATE TRIGGER poison BEFORE INSERT ON afiliados_proyeccion FOR EACH ROW EXECUTE FUNCTION poison()');
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      op.RegistrarAfiliado!,
      {
        input: {
          nombre: 'Veneno Arreglado',
          email: `dlq.${Date.now()}@example.com`,
          telefono: '+57 300 111 2222',
          tipoAfiliacion: 'STANDARD',
          comisionBase: '5',
        },
      },
      stack.admin,
    );
    expect(errors).toBeUndefined();
    afiliadoId = (data!.registrarAfiliado as { id: string }).id;
    // 25 retries 200 ms apart, then the dead-letter topic
    await until(async () => (await dlqGauge()) === 1, 30_000, 'one message in afiliados.eventos-DLQ');
    const lines = await dlq('list', TOPICS.afiliadosEventos);
    expect(lines[0]).toBe(`1 dead-lettered message(s) on ${TOPICS.afiliadosEventos}-DLQ`);
    expect(lines.join('\n')).toContain('AfiliadoRegistrado');
    expect(lines.join('\n')).toContain('subscription marketing-proyeccion-afiliados');
    expect(lines.join('\n')).toMatch(/error: .*projection refused for the test/);
    // listing changes nothing
    expect(await dlqGauge()).toBe(1);
    const { rows } = await marketingDb.query('SELECT count(*)::int AS n FROM afiliados_proyeccion WHERE id = $1', [afiliadoId]);
    expect(rows[0].n).toBe(0);
  });

  it('replay of an unknown id replays nothing', async () => {
    expect(await dlq('replay', TOPICS.afiliadosEventos, '--id', '00000000-0000-0000-0000-000000000000')).toEqual([
      `no dead-lettered message 00000000-0000-0000-0000-000000000000 on ${TOPICS.afiliadosEventos}-DLQ`,
    ]);
    expect(await dlqGauge()).toBe(1);
  });

  it('once fixed, replay --id brings it back and it is applied once; the DLQ is empty', async () => {
    await marketingDb.query('DROP TRIGGER poison ON afiliados_proyeccion');
    const [listed] = (await dlq('list', TOPICS.afiliadosEventos)).slice(1);
    const envelopeId = /envelope (\S+)/.exec(listed!)![1]!;
    const replayed = await dlq('replay', TOPICS.afiliadosEventos, '--id', envelopeId);
    expect(replayed[0]).toBe(`replayed 1 message(s) onto ${TOPICS.afiliadosEventos}`);
    await until(
      async () => (await marketingDb.query('SELECT 1 FROM afiliados_proyeccion WHERE id = $1', [afiliadoId])).rowCount === 1,
      10_000,
      'the projection row',
    );
    expect(await dlqGauge()).toBe(0);
    expect((await dlq('list', TOPICS.afiliadosEventos))[0]).toBe(`0 dead-lettered message(s) on ${TOPICS.afiliadosEventos}-DLQ`);
    // a second replay has nothing left to put back, and the inbox holds the event once
    expect((await dlq('replay', TOPICS.afiliadosEventos))[0]).toBe(`replayed 0 message(s) onto ${TOPICS.afiliadosEventos}`);
    const inbox = await marketingDb.query('SELECT count(*)::int AS n FROM inbox_messages WHERE id = $1', [envelopeId]);
    expect(inbox.rows[0].n).toBe(1);
    const projection = await marketingDb.query('SELECT count(*)::int AS n FROM afiliados_proyeccion WHERE id = $1', [afiliadoId]);
    expect(projection.rows[0].n).toBe(1);
  });
});
