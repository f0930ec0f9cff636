import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestStack, subscribe, type LiveSubscription } from '@alpes/testing';
import { loadOperations } from './support/operations.js';

const op = loadOperations('FlujoNegocio.graphql');
let stack: Awaited<ReturnType<typeof startTestStack>>;
const open: LiveSubscription<any>[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 10, conversiones: 50 } });
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.dispose()));
  await stack?.stop();
});

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
  const final = await status.waitFor((event) => event.comando.estado !== 'ACEPTADO');
  expect(final.comando).toMatchObject({ estado: 'COMPLETADO', correlationId: accepted.correlationId });
  return accepted;
}

const campanaInput = (nombre: string, afiliadoIds: string[]) => ({
  nombre, descripcion: 'Campaña de prueba e2e', fechaInicio: '2026-12-01', fechaFin: '2026-12-31', presupuesto: '10000.00',
  metaConversiones: 50, tipo: 'DIGITAL', porcentajeComision: '10', tags: ['e2e'], afiliadoIds,
});

describe('the business flow through the gateway: mutations queue commands, subscriptions stream the events', () => {
  let afiliadoId: string;
  let campanaId: string;
  let primerEventoId: string;

  it('registers an affiliate and creates a campaign with it; campanaCreada arrives with the affiliate name hydrated', async () => {
    const registro = await completed(op.RegistrarAfiliado!, {
      input: { nombre: 'Lucía Restrepo', email: `lucia.${Date.now()}@example.com`, telefono: '+57 300 123 4567', tipoAfiliacion: 'STANDARD', comisionBase: '5' },
    });
    afiliadoId = registro.id;
    const creadas = live(op.CampanaCreada!);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const creada = await send(op.CrearCampana!, { input: campanaInput('Campaña Navidad e2e', [afiliadoId]) });
    campanaId = creada.id;
    const event = await creadas.waitFor((e) => e.campanaCreada.campana.id === campanaId);
    expect(event.campanaCreada.correlationId).toBe(creada.correlationId);
    expect(event.campanaCreada.campana).toMatchObject({ nombre: 'Campaña Navidad e2e', estado: 'DRAFT', afiliados: [{ id: afiliadoId, nombre: 'Lucía Restrepo' }] });
    primerEventoId = event.campanaCreada.eventoId;
  });

  it('activates the campaign, registers a conversion of 200.00 at 10 % and streams comisionCalculada of 20.00 with names', async () => {
    await completed(op.ActivarCampana!, { id: campanaId });
    const calculadas = live(op.ComisionCalculada!, { afiliadoId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const conversion = await send(op.RegistrarConversion!, { input: { afiliadoId, campanaId, valor: '200.00', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'e2e' } } });
    const { comisionCalculada } = await calculadas.waitFor(() => true);
    expect(comisionCalculada.comision).toMatchObject({
      monto: '20.00', porcentaje: '10.00', estado: 'CALCULADA',
      afiliado: { nombre: 'Lucía Restrepo' }, campana: { nombre: 'Campaña Navidad e2e' }, conversion: { valor: '200.00' },
    });
    const comisionId: string = comisionCalculada.comision.id;

    let found = false;
    for (let after: string | null = null, page = 0; page < 50 && !found; page += 1) {
      const { data }: { data?: any } = await postGraphQL(stack.gatewayUrl, op.ComisionesPendientes!, { first: 100, after }, stack.admin);
      found = data!.comisionesPendientes.nodes.some((node: { id: string }) => node.id === comisionId);
      if (!data!.comisionesPendientes.pageInfo.hasNextPage) break;
      after = data!.comisionesPendientes.pageInfo.endCursor;
    }
    expect(found).toBe(true);

    await completed(op.AprobarComision!, { id: comisionId });
    await completed(op.PagarComision!, { id: comisionId });
    const { data } = await postGraphQL(stack.gatewayUrl, op.Comision!, { id: comisionId }, stack.admin);
    expect(data!.comision).toMatchObject({ estado: 'PAGADA', aprobadaEn: expect.any(String), pagadaEn: expect.any(String) });
    expect(conversion.id).toBeTruthy();
  });

  it('refuses a bad crearCampana with BAD_USER_INPUT and produces no event', async () => {
    const creadas = live(op.CampanaCreada!);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { errors } = await postGraphQL(stack.gatewayUrl, op.CrearCampana!, { input: { ...campanaInput('Fechas al revés', []), fechaInicio: '2026-12-31', fechaFin: '2026-12-01' } }, stack.admin);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fechaFin' });
    const valida = await send(op.CrearCampana!, { input: campanaInput('Control válido', []) });
    await creadas.waitFor((e) => e.campanaCreada.campana.id === valida.id);
    expect(creadas.events.map((e) => e.campanaCreada.campana.nombre)).toEqual(['Control válido']);
  });

  it('resumes campanaCreada after a known eventoId: every later event, none before, no duplicates', async () => {
    const resumed = live(op.CampanaCreada!, { desdeEvento: primerEventoId });
    const nueva = await send(op.CrearCampana!, { input: campanaInput('Después de reconectar', []) });
    await resumed.waitFor((e) => e.campanaCreada.campana.id === nueva.id);
    const nombres = resumed.events.map((e) => e.campanaCreada.campana.nombre);
    expect(nombres).toEqual(['Control válido', 'Después de reconectar']);
  });
});
