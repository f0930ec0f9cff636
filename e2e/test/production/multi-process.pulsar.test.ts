// The business flow in production shape: afiliados, conversiones, marketing and the gateway each in its own process
// (npm run start -w …), on fresh databases of the machine's PostgreSQL (migrated with npm run db:migrate), talking
// through a real Apache Pulsar broker. Needs npm run pulsar:start.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, parseDatabaseUrl } from '@alpes/database';
import { postGraphQL, subscribe, type LiveSubscription, startProcessStack, type ProcessStack } from '@alpes/testing';
import { dataThreats } from '../security/data-threats.js';
import { createThreatData, type ThreatData, type ThreatTarget } from '../security/threat-fixture.js';
import { tokenThreats } from '../security/token-threats.js';
import { loadOperations } from '../support/operations.js';
import { describePulsar, PULSAR_CLIENT_UNDER_TEST } from '../pulsar/support/pulsar-client.js';
import { campanaInput as sharedCampanaInput } from '../support/campana-input.js';

const campanaInput = (nombre: string, afiliadoIds: string[]) =>
  sharedCampanaInput(nombre, afiliadoIds, { descripcion: 'Campaña multi-proceso', tags: ['e2e', 'procesos'] });

const op = loadOperations('FlujoNegocio.graphql');
let stack: ProcessStack;
const open: LiveSubscription<any>[] = [];

beforeAll(async () => {
  stack = await startProcessStack({ migrate: 'db:migrate', pulsarClient: PULSAR_CLIENT_UNDER_TEST });
}, 240_000);
// A failed test shows what every process printed.
afterEach((context) => {
  if (context.task.result?.state === 'fail' && stack) console.error(stack.describe(120));
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.dispose()));
  await stack?.stop();
}, 120_000);

function live(query: string, variables?: Record<string, unknown>) {
  const subscription = subscribe(stack.gatewayUrl, query, variables, stack.admin);
  open.push(subscription);
  return subscription;
}

async function send(operation: string, variables: Record<string, unknown>) {
  const { data, errors } = await postGraphQL(stack.gatewayUrl, operation, variables, stack.admin);
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return Object.values(data!)[0] as { correlationId: string; id: string };
}

/** Sends a mutation and waits for comando(correlationId) to reach a final state. */
async function completed(operation: string, variables: Record<string, unknown>) {
  const accepted = await send(operation, variables);
  const status = live(op.Comando!, { correlationId: accepted.correlationId });
  const final = await status.waitFor((event) => event.comando.estado !== 'ACEPTADO', 30_000);
  expect(final.comando).toMatchObject({ estado: 'COMPLETADO', correlationId: accepted.correlationId });
  return accepted;
}

async function queryDatabase<Row>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** One step of a scenario: its name leads the failure message. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error) error.message = `step "${name}": ${error.message}`;
    throw error;
  }
}

async function registrarAfiliado(): Promise<string> {
  const registro = await completed(op.RegistrarAfiliado!, {
    input: {
      nombre: 'Valentina Ospina',
      email: `valentina.${Date.now()}.${Math.random()}@example.com`,
      telefono: '+57 310 555 0101',
      tipoAfiliacion: 'PREMIUM',
      comisionBase: '5',
    },
  });
  return registro.id;
}

// Subscriptions replay from a time taken before the mutation (desde): no pause for the hub's reader to open.
const since = () => new Date(Date.now() - 50).toISOString();

describePulsar('the business flow with every service in its own process, on PostgreSQL and Pulsar', () => {
  it('runs four separate processes, each on its own port and database', async () => {
    const pids = Object.values(stack.processes).map((managed) => managed.pid);
    expect(new Set(pids).size).toBe(4);
    for (const [name, managed] of Object.entries(stack.processes)) expect(managed.running, `${name}\n${managed.describe()}`).toBe(true);
    expect(new Set(Object.values(stack.databases)).size).toBe(3);
    const ready = await fetch(stack.gatewayUrl.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
  });

  // One scenario in one test, in steps: each step needs the state the previous one made.
  it('one scenario: an affiliate and a campaign (campanaCreada across processes), a conversion (comisionCalculada), approved then paid, one federated query', async () => {
    const afiliadoId = await step('register an affiliate', registrarAfiliado);
    const campanaId = await step('create a campaign; campanaCreada arrives across processes with the affiliate name hydrated', async () => {
      const creadas = live(op.CampanaCreada!, { desde: since() });
      const creada = await send(op.CrearCampana!, { input: campanaInput('Campaña multi-proceso', [afiliadoId]) });
      const campanaId = creada.id;
      const event = await creadas.waitFor((e) => e.campanaCreada.campana.id === campanaId, 30_000);
      expect(event.campanaCreada.correlationId).toBe(creada.correlationId);
      expect(event.campanaCreada.campana).toMatchObject({
        nombre: 'Campaña multi-proceso',
        estado: 'DRAFT',
        afiliados: [{ id: afiliadoId, nombre: 'Valentina Ospina' }],
      });
      // Each service wrote its own database.
      expect(await queryDatabase(stack.databases.afiliados, 'SELECT id FROM afiliados WHERE id = $1', [afiliadoId])).toHaveLength(1);
      expect(await queryDatabase(stack.databases.marketing, 'SELECT id FROM campanas WHERE id = $1', [campanaId])).toHaveLength(1);
      expect(await queryDatabase(stack.databases.marketing, 'SELECT id FROM afiliados_proyeccion WHERE id = $1', [afiliadoId])).toHaveLength(1);
      return campanaId;
    });

    await step('activate the campaign; a conversion of 200.00 yields comisionCalculada of 20.00, approved then paid', async () => {
      await completed(op.ActivarCampana!, { id: campanaId });
      const calculadas = live(op.ComisionCalculada!, { afiliadoId, desde: since() });
      const conversion = await send(op.RegistrarConversion!, {
        input: { afiliadoId, campanaId, valor: '200.00', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'multi-proceso' } },
      });
      const { comisionCalculada } = await calculadas.waitFor((e) => e.comisionCalculada.comision.conversion.id === conversion.id, 30_000);
      expect(comisionCalculada.comision).toMatchObject({
        monto: '20.00',
        porcentaje: '10.00',
        estado: 'CALCULADA',
        afiliado: { nombre: 'Valentina Ospina' },
        campana: { nombre: 'Campaña multi-proceso' },
        conversion: { valor: '200.00' },
      });
      const comisionId: string = comisionCalculada.comision.id;
      expect(await queryDatabase(stack.databases.conversiones, 'SELECT id FROM conversiones WHERE id = $1', [conversion.id])).toHaveLength(1);

      const pendientes = await postGraphQL(stack.gatewayUrl, op.ComisionesPendientes!, { first: 100 }, stack.admin);
      expect(pendientes.data!.comisionesPendientes.nodes.map((node: { id: string }) => node.id)).toContain(comisionId);

      const aprobacion = await completed(op.AprobarComision!, { id: comisionId });
      await completed(op.PagarComision!, { id: comisionId });
      const { data } = await postGraphQL(stack.gatewayUrl, op.Comision!, { id: comisionId }, stack.admin);
      expect(data!.comision).toMatchObject({ estado: 'PAGADA', aprobadaEn: expect.any(String), pagadaEn: expect.any(String) });
      // who did what, stored by the marketing worker with each change
      const historial = await queryDatabase<{ estado: string; por: string }>(
        stack.databases.marketing,
        'SELECT estado::text, por FROM comisiones_historial WHERE comision_id = $1 ORDER BY id',
        [comisionId],
      );
      expect(historial).toEqual([
        { estado: 'CALCULADA', por: 'admin' },
        { estado: 'APROBADA', por: 'admin' },
        { estado: 'PAGADA', por: 'admin' },
      ]);
      // and one structured log line per command outcome, with the actor and the correlationId
      const outcomes = stack.processes.marketing
        .output()
        .split('\n')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as { msg?: string; correlationId?: string; type?: string; outcome?: string; actor?: { sub: string; scopes: string[] } }];
          } catch {
            return [];
          }
        });
      expect(outcomes.filter((line) => line.correlationId === aprobacion.correlationId)).toEqual([
        expect.objectContaining({
          msg: 'command completed',
          type: 'AprobarComision',
          outcome: 'COMPLETADO',
          actor: { sub: 'admin', scopes: expect.arrayContaining(['comisiones:write']) },
        }),
      ]);
    });

    await step('answer one federated query that spans the three processes', async () => {
      const { data, errors } = await postGraphQL(
        stack.gatewayUrl,
        `query ($id: ID!) { afiliado(id: $id) { nombre conversiones(first: 5) { totalCount nodes { valor campana { nombre } comision { monto estado } } } } }`,
        { id: afiliadoId },
        stack.admin,
      );
      expect(errors).toBeUndefined();
      expect(data!.afiliado).toEqual({
        nombre: 'Valentina Ospina',
        conversiones: {
          totalCount: 1,
          nodes: [{ valor: '200.00', campana: { nombre: 'Campaña multi-proceso' }, comision: { monto: '20.00', estado: 'PAGADA' } }],
        },
      });
    });
  }, 180_000);

  it('accepts a token printed by npm run token with the same AUTH_JWT_SECRET as the gateway process', async () => {
    const afiliadoId = await registrarAfiliado();
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'token', '--', 'marketing'], {
      cwd: REPO_ROOT,
      env: { ...process.env, AUTH_JWT_SECRET: stack.authJwtSecret },
    });
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      `query ($id: ID!) { afiliado(id: $id) { nombre email } }`,
      { id: afiliadoId },
      `Bearer ${stdout.trim()}`,
    );
    expect(errors).toBeUndefined();
    expect(data!.afiliado).toMatchObject({ nombre: 'Valentina Ospina', email: expect.stringMatching(/^valentina\./) });
  });

  it('refuses a bad crearCampana with BAD_USER_INPUT (validated in the marketing process)', async () => {
    const { errors } = await postGraphQL(
      stack.gatewayUrl,
      op.CrearCampana!,
      {
        input: { ...campanaInput('Fechas al revés', []), fechaInicio: '2026-12-31', fechaFin: '2026-12-01' },
      },
      stack.admin,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fechaFin' });
  });
});

describePulsar('the threat tests across processes (HS256: the four processes share AUTH_JWT_SECRET)', () => {
  let target: ThreatTarget;
  let data: ThreatData;
  beforeAll(async () => {
    target = { gatewayUrl: stack.gatewayUrl, marketingUrl: stack.urls.marketing, admin: stack.admin, token: stack.token, signingKey: stack.signingKey };
    data = await createThreatData(target);
  }, 300_000);

  tokenThreats(() => target);
  dataThreats(
    () => target,
    () => data,
  );
});
