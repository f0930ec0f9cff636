/**
 * Resilience on a real Apache Pulsar broker (BUS=pulsar), through the gateway:
 * - the broker is STOPPED (npm run pulsar:stop: SIGTERM) in the middle of a flow and started again by the test;
 * - a marketing worker PROCESS is killed (SIGKILL) in the middle of a command.
 * Each restart takes ~20–30 s. The broker is started again in afterAll if a failure left it down.
 *
 * Making "the middle of a flow" deterministic: the test holds `LOCK TABLE campanas IN SHARE MODE` on the marketing
 * database. Reads go on; a worker applying CrearCampana blocks inside its transaction (inbox claimed, INSERT into
 * campanas waiting). So the test knows exactly which commands are accepted-but-not-applied and which transactions
 * are in flight when the broker stops or the worker dies, instead of racing them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type pg from 'pg';
import { TOPICS, parseMessage } from '@alpes/contracts';
import { ephemeralStackAuth } from '@alpes/security';
import type { Bus } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL, type GraphQLAnswer, type LiveSubscription } from '@alpes/testing';
import { campanaInput, flowClient, op, type Accepted } from './support/flow.js';
import { startMarketingProcess, type MarketingProcess } from './support/marketing-process.js';
import {
  assertBrokerReachable,
  broker,
  brokerIsHealthy,
  connectPulsarBus,
  eventually,
  openConnection,
  prepareSeedTopics,
  sql,
  stableValue,
  subscriptionBacklog,
} from './support/pulsar.js';
import { describePulsar } from './support/pulsar-client.js';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let bus: Bus;
let marketingDb: string;
const flow = flowClient(() => stack.gatewayUrl, () => stack.admin);
let lock: pg.Client | undefined;
let victim: MarketingProcess | undefined;
/** Set while this file has the broker stopped: afterAll starts it again only then. */
let brokerStoppedHere = false;
const testStartedAt = Date.now();
/** Shared with the second marketing process, which must accept the identities this stack's gateway signs. */
const subgraphIdentitySecret = randomBytes(48).toString('base64url');

beforeAll(async () => {
  await assertBrokerReachable();
  await prepareSeedTopics();
  bus = await connectPulsarBus();
  const auth = { ...ephemeralStackAuth(), subgraphIdentitySecret: new TextEncoder().encode(subgraphIdentitySecret) };
  stack = await startTestStack({ bus, seed: false, auth });
  marketingDb = stack.databaseUrls.marketing;
});
afterAll(async () => {
  await lock?.end().catch(() => undefined);
  await victim?.kill();
  await flow.disposeAll();
  if (brokerStoppedHere && !(await brokerIsHealthy())) await broker('start'); // a failure here must not leave the broker down
  await stack?.stop();
  await bus?.close();
});

/** Blocks every CrearCampana transaction at its INSERT INTO campanas until released (reads go on). */
async function holdCampanasLock(): Promise<void> {
  lock = await openConnection(marketingDb);
  await lock.query('BEGIN');
  await lock.query('LOCK TABLE campanas IN SHARE MODE');
}

async function releaseCampanasLock(): Promise<void> {
  await lock?.query('COMMIT');
  await lock?.end();
  lock = undefined;
}

interface Waiting {
  pid: number;
  application_name: string;
  query: string;
}

/** Worker transactions of the marketing database waiting for a lock right now. */
const waitingTransactions = () =>
  sql<Waiting>(marketingDb, `SELECT pid, application_name, query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);

const countCampanas = async (nombre: string) => Number((await sql(marketingDb, 'SELECT count(*)::int AS n FROM campanas WHERE nombre LIKE $1', [nombre]))[0]!.n);

/** CampanaCreada events the marketing service committed, in outbox sequence order. */
const campanaCreadaInOutbox = () =>
  sql<{ campana_id: string; published: boolean }>(
    marketingDb,
    `SELECT envelope->'payload'->'campana'->>'id' AS campana_id, published_at IS NOT NULL AS published FROM outbox_messages WHERE envelope->>'type' = 'CampanaCreada' ORDER BY sequence`,
  );

/**
 * The CampanaCreada events of these campaigns in marketing.eventos' own order, read with a plain bus reader from
 * the time the test began (first copy of each; `copies` counts duplicates an at-least-once relay may have left).
 */
async function campanaCreadaOnTopic(ids: ReadonlySet<string>): Promise<{ order: string[]; copies: number }> {
  const order: string[] = [];
  let copies = 0;
  const reader = await bus.read({
    topic: TOPICS.marketingEventos,
    start: { from: 'time', time: new Date(testStartedAt) },
    handler: (message) => {
      const envelope = parseMessage(message.body);
      if (envelope.type !== 'CampanaCreada' || !ids.has(envelope.payload.campana.id)) return;
      copies += 1;
      if (!order.includes(envelope.payload.campana.id)) order.push(envelope.payload.campana.id);
    },
  });
  try {
    await eventually('every CampanaCreada on the topic', () => order.length, (n) => n >= ids.size, 60_000);
  } finally {
    await reader.close();
  }
  return { order, copies };
}

const campanaIds = (subscription: LiveSubscription<any>) => subscription.events.map((event) => event.campanaCreada.campana.id as string);

describePulsar('the broker stops in the middle of a flow and comes back', () => {
  const K = 3; // applied before anything happens
  const N = 20; // accepted while the worker is held, so none is applied when the broker stops
  const antes: Accepted[] = [];
  const aceptadas: Accepted[] = [];
  let vivo: LiveSubscription<any>; // stays connected through the restart
  let reanudable: LiveSubscription<any>; // goes away during the outage, comes back with its last eventoId
  let ultimoEventoId: string;
  let enVueloAlParar: string[] = [];
  const rechazadasDuranteLaCaida: GraphQLAnswer[] = [];
  const emailDuranteLaCaida = `caida.${Date.now()}@example.com`;
  let downtimeMs = 0;

  it('stops the broker with N commands accepted and some of them in flight; events committed meanwhile wait in the outbox; mutations get UNAVAILABLE', { timeout: 360_000 }, async () => {
    // replayed from a time before the first command (desde), then live: no pause for the hub's reader to open
    const desde = new Date().toISOString();
    vivo = flow.live(op.CampanaCreada!, { desde });
    reanudable = flow.live(op.CampanaCreada!, { desde });
    for (let index = 1; index <= K; index += 1) antes.push(await flow.completed(op.CrearCampana!, { input: campanaInput(`Previa ${index}`) }));
    await reanudable.waitFor((event) => event.campanaCreada.campana.id === antes[K - 1]!.id, 30_000);
    expect(campanaIds(reanudable)).toEqual(antes.map((campana) => campana.id));
    ultimoEventoId = reanudable.events.at(-1)!.campanaCreada.eventoId;

    await holdCampanasLock();
    for (let index = 1; index <= N; index += 1) aceptadas.push(await flow.send(op.CrearCampana!, { input: campanaInput(`Antes de la caída ${index}`) }));
    // the worker starts a transaction at once and queues what arrives meanwhile for the next one (group commit)
    const blocked = await eventually('worker transactions blocked on campanas', waitingTransactions, (rows) => rows.length >= 1, 30_000);
    expect(await countCampanas('Antes de la caída %')).toBe(0);
    await reanudable.dispose(); // this client loses its connection during the outage

    const stopped = Date.now();
    brokerStoppedHere = true;
    await broker('stop');
    await eventually('the bus to see the broker down', () => bus.isConnected(), (connected) => !connected, 30_000);

    // Mutations during the outage: refused with UNAVAILABLE, never a silent accept.
    for (let index = 1; index <= 3; index += 1) {
      rechazadasDuranteLaCaida.push(await postGraphQL(stack.gatewayUrl, op.CrearCampana!, { input: campanaInput(`Durante la caída ${index}`) }, stack.admin));
    }
    rechazadasDuranteLaCaida.push(
      await postGraphQL(stack.gatewayUrl, op.RegistrarAfiliado!, {
        input: { nombre: 'Durante la caída', email: emailDuranteLaCaida, telefono: null, tipoAfiliacion: 'STANDARD', comisionBase: '5' },
      }, stack.admin),
    );
    for (const response of rechazadasDuranteLaCaida) {
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response)).toBe('UNAVAILABLE');
      expect(Object.values(response.data ?? {}).filter((value) => value !== null)).toEqual([]);
    }

    // What the worker had received before the stop goes through now, with the broker down (the transactions blocked at
    // the stop, then the commands queued behind them): state + outbox rows commit; their acknowledgements cannot be sent
    // (the broker redelivers those commands later, and the inbox skips them), their events cannot be published.
    await releaseCampanasLock();
    await eventually('the in-flight transactions to commit', () => countCampanas('Antes de la caída %'), (n) => n >= blocked.length, 30_000);
    const aplicadas = await stableValue(() => countCampanas('Antes de la caída %'), 1_000); // nothing else arrives: the broker is down
    expect(aplicadas).toBeLessThanOrEqual(N);
    const outbox = await campanaCreadaInOutbox();
    enVueloAlParar = outbox.filter((row) => !row.published).map((row) => row.campana_id);
    expect(enVueloAlParar).toHaveLength(aplicadas); // every event committed during the outage waits in the outbox
    expect(enVueloAlParar.every((id) => aceptadas.some((campana) => campana.id === id))).toBe(true);
    const pendientes = await sql(marketingDb, `SELECT envelope->>'type' AS type, count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL GROUP BY 1 ORDER BY 1`);
    expect(pendientes).toEqual([
      { type: 'CampanaCreada', n: aplicadas },
      { type: 'ComandoCompletado', n: aplicadas },
    ]);

    await broker('start');
    brokerStoppedHere = false;
    downtimeMs = Date.now() - stopped;
    await eventually('the bus to reconnect', () => bus.isConnected(), Boolean, 60_000);

    // Afterwards: the outbox drains and every accepted command is applied.
    await eventually('every command accepted before the stop to be applied', () => countCampanas('Antes de la caída %'), (n) => n === N, 120_000);
    await eventually('the outbox to drain', () => sql(marketingDb, 'SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL'), (rows) => rows[0]!.n === 0, 60_000);
    await eventually('the campaign commands backlog to be acknowledged', () => subscriptionBacklog(TOPICS.campanasComandos, 'marketing-campanas'), (n) => n === 0, 60_000);
    console.info(`[resiliencia] broker down for ${downtimeMs} ms; ${blocked.length} transactions in flight at the stop, ${aplicadas} events waited in the outbox`);
  });

  it('applied every command accepted before the stop exactly once (database rows, inbox, outbox, gateway)', async () => {
    const todas = [...antes, ...aceptadas];
    const ids = todas.map((campana) => campana.id);
    const porId = await sql(marketingDb, 'SELECT id::text AS id, count(*)::int AS n FROM campanas WHERE id = ANY($1::uuid[]) GROUP BY id', [ids]);
    expect(porId).toHaveLength(K + N);
    expect(porId.every((row) => row.n === 1)).toBe(true);
    const inbox = await sql(marketingDb, `SELECT correlation_id::text AS correlation_id, outcome FROM inbox_messages WHERE type = 'CrearCampana'`);
    expect(inbox.map((row) => row.correlation_id).sort()).toEqual(todas.map((campana) => campana.correlationId).sort());
    expect(inbox.every((row) => row.outcome === 'COMPLETADO')).toBe(true);
    const eventos = await campanaCreadaInOutbox();
    expect(eventos.map((row) => row.campana_id).sort()).toEqual([...ids].sort()); // one CampanaCreada per campaign
    const completados = await sql(marketingDb, `SELECT envelope->>'correlationId' AS correlation_id FROM outbox_messages WHERE envelope->>'type' = 'ComandoCompletado'`);
    expect(completados.map((row) => row.correlation_id).sort()).toEqual(todas.map((campana) => campana.correlationId).sort());

    const { data } = await postGraphQL(stack.gatewayUrl, `{ campanas(first: 100) { totalCount nodes { id nombre } } }`, undefined, stack.admin);
    expect(data!.campanas.totalCount).toBe(K + N);
    expect(data!.campanas.nodes.map((node: { id: string }) => node.id).sort()).toEqual([...ids].sort());
    for (const campana of aceptadas.slice(0, 5)) expect(await flow.outcome(campana.correlationId)).toMatchObject({ estado: 'COMPLETADO', entidadId: campana.id });
  });

  it('persisted nothing for the mutations refused with UNAVAILABLE during the outage', async () => {
    expect(rechazadasDuranteLaCaida).toHaveLength(4);
    expect(await countCampanas('Durante la caída %')).toBe(0);
    const inbox = await sql(marketingDb, `SELECT count(*)::int AS n FROM inbox_messages WHERE type = 'CrearCampana'`);
    expect(inbox[0]!.n).toBe(K + N); // no command of theirs ever reached the worker (the backlog is drained)
    const afiliados = await sql(stack.databaseUrls.afiliados, 'SELECT count(*)::int AS n FROM afiliados WHERE email = $1', [emailDuranteLaCaida]);
    expect(afiliados[0]!.n).toBe(0);
  });

  it('a client that resumes with its last eventoId receives every later event, in order, without duplicates; a connected one lost nothing', async () => {
    // The order to expect is the topic's: what the relay published (outbox rows become visible in commit order, which
    // for concurrent transactions of different campaigns is not always their sequence order). Read it independently.
    const ids = new Set([...antes, ...aceptadas].map((campana) => campana.id));
    const enElTopico = await campanaCreadaOnTopic(ids);
    expect(new Set(enElTopico.order)).toEqual(ids); // every campaign's event is on the topic
    expect(enElTopico.order.slice(0, K)).toEqual(antes.map((campana) => campana.id));

    const reanudado = flow.live(op.CampanaCreada!, { desdeEvento: ultimoEventoId });
    await eventually('the resumed client to catch up', () => reanudado.events.length, (n) => n >= N, 60_000);
    // A marker created now is on the topic after every event above: a client that has it has seen any duplicate too.
    const marca = await flow.send(op.CrearCampana!, { input: campanaInput('Marca de fin') });
    const hastaLaMarca = async (client: LiveSubscription<any>) => {
      await client.waitFor((event) => event.campanaCreada.campana.id === marca.id, 60_000);
      return campanaIds(client).filter((id) => id !== marca.id);
    };
    expect(await hastaLaMarca(reanudado)).toEqual(enElTopico.order.slice(K)); // topic order, each exactly once
    expect(reanudado.errors).toEqual([]);
    expect(enVueloAlParar.every((id) => campanaIds(reanudado).includes(id))).toBe(true);

    expect(await hastaLaMarca(vivo)).toEqual(enElTopico.order);
    expect(vivo.errors).toEqual([]);
    console.info(`[resiliencia] CampanaCreada copies on the topic: ${enElTopico.copies} for ${ids.size} campaigns (at-least-once relay); the clients saw each once`);
  });
});

describePulsar('a marketing worker process dies in the middle of a command', () => {
  /*
   * Two instances of the marketing service share the key-shared subscription `marketing-campanas`: the stack's
   * (in this process) and a second one started as its own OS process (subgraphs/marketing/src/main.ts, BUS=pulsar,
   * same database). With campanas locked, crearCampana mutations are sent until one command's transaction is seen
   * blocked in the second process (its PostgreSQL sessions carry application_name `marketing-victima`): that process
   * has received the command, claimed it in its inbox and is writing the campaign. It is then killed with SIGKILL —
   * no shutdown hook, its broker socket and database connection just die. Expected: the broker redelivers the
   * unacknowledged command to the surviving instance, whose transaction waits for the dead one's to end; the dead
   * transaction never commits; the survivor applies the command exactly once and completes it.
   */
  it('redelivers the command to the surviving instance, which applies it exactly once', { timeout: 240_000 }, async () => {
    await assertBrokerReachable();
    const vivo = flow.live(op.CampanaCreada!, { desde: new Date().toISOString() }); // replayed from now: no pause for the reader
    // Its sessions' statement_timeout must outlive the redelivery. With the default (8 s) PostgreSQL cancels the dead
    // process's blocked INSERT when the broker takes longer to redeliver (seen in CI under load): that session then
    // ends, its inbox claim goes with it, and the survivor no longer waits on it but on the campanas lock.
    victim = await startMarketingProcess(marketingDb, 'marketing-victima', subgraphIdentitySecret, { DATABASE_STATEMENT_TIMEOUT_MS: '600000' });

    const enviadas: Accepted[] = [];
    let enLaVictima: { campana: Accepted; pid: number } | undefined;
    for (let attempt = 1; attempt <= 16 && !enLaVictima; attempt += 1) {
      // one command at a time: the key decides which instance receives it
      await holdCampanasLock();
      const campana = await flow.send(op.CrearCampana!, { input: campanaInput(`Choque ${attempt}`) });
      enviadas.push(campana);
      const [waiting] = await eventually('the command to block in a worker transaction', waitingTransactions, (rows) => rows.length === 1, 30_000);
      if (waiting!.application_name === 'marketing-victima') {
        enLaVictima = { campana, pid: waiting!.pid };
      } else {
        await releaseCampanasLock(); // it landed on the stack's instance: let it finish, try another key
        await eventually('the command to be applied', () => countCampanas(`Choque ${attempt}`), (n) => n === 1, 30_000);
      }
    }
    expect(enLaVictima, 'no command landed on the second instance in 16 attempts').toBeDefined();
    const { campana, pid } = enLaVictima!;
    // that transaction has claimed the command in the inbox (not committed)
    expect((await waitingTransactions()).find((row) => row.pid === pid)!.query).toMatch(/INSERT INTO .*campanas/i);

    expect(await victim.kill()).toBe('SIGKILL');
    const killedAt = performance.now();
    // the broker hands the unacknowledged command to the survivor: its inbox claim waits for the dead transaction
    const redelivered = await eventually(
      'the survivor to pick up the redelivered command',
      waitingTransactions,
      (rows) => rows.some((row) => row.application_name !== 'marketing-victima'),
      60_000,
    );
    const redeliveredAfterMs = Math.round(performance.now() - killedAt);
    const survivorOnTheInboxClaim = redelivered.some((row) => row.application_name !== 'marketing-victima' && /inbox_messages/i.test(row.query));
    expect(survivorOnTheInboxClaim, `the survivor should wait on the dead transaction's inbox claim; waiting: ${JSON.stringify(redelivered)}`).toBe(true);

    await releaseCampanasLock();
    expect(await flow.outcome(campana.correlationId)).toMatchObject({ estado: 'COMPLETADO', entidadId: campana.id });
    await eventually('every command sent to be applied', () => countCampanas('Choque %'), (n) => n === enviadas.length, 60_000);
    await vivo.waitFor((event) => event.campanaCreada.campana.id === campana.id, 30_000);
    await eventually('the dead session to be gone', () => sql(marketingDb, `SELECT pid FROM pg_stat_activity WHERE application_name = 'marketing-victima'`), (rows) => rows.length === 0, 30_000);
    // nothing left to (re)deliver: a second application of the command could only come from the backlog
    await eventually('the campaign commands backlog to be acknowledged', () => subscriptionBacklog(TOPICS.campanasComandos, 'marketing-campanas'), (n) => n === 0, 60_000);

    expect(Number((await sql(marketingDb, 'SELECT count(*)::int AS n FROM campanas WHERE id = $1', [campana.id]))[0]!.n)).toBe(1);
    const inbox = await sql(marketingDb, 'SELECT outcome FROM inbox_messages WHERE correlation_id = $1', [campana.correlationId]);
    expect(inbox).toEqual([{ outcome: 'COMPLETADO' }]);
    const outbox = await sql(marketingDb, `SELECT envelope->>'type' AS type FROM outbox_messages WHERE envelope->>'correlationId' = $1 ORDER BY sequence`, [campana.correlationId]);
    expect(outbox).toEqual([{ type: 'CampanaCreada' }, { type: 'ComandoCompletado' }]);
    expect(campanaIds(vivo).filter((id) => id === campana.id)).toHaveLength(1);
    for (const enviada of enviadas) expect(Number((await sql(marketingDb, 'SELECT count(*)::int AS n FROM campanas WHERE id = $1', [enviada.id]))[0]!.n)).toBe(1);
    console.info(`[resiliencia] the command landed on the second process at attempt ${enviadas.length}; killed it (pid ${victim.child.pid}) with its transaction open; the survivor had it ${redeliveredAfterMs} ms later`);
  });
});
