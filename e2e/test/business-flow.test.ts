// The business flow through the gateway, as a frontend meets it: mutations queue commands, the workers apply them,
// subscriptions stream the events and queries read the result. Every `it` creates the affiliates and campaigns it
// needs (so `-t` runs any one alone). Subscriptions that must see an event caused by the test pass `desde` (a time
// taken before the mutation): the gateway replays from there, so no sleep waits for a live reader to open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL, subscribe, type LiveSubscription } from '@alpes/testing';
import { loadOperations } from './support/operations.js';
import { campanaInput } from './support/campana-input.js';

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

async function query(operation: string, variables: Record<string, unknown>) {
  const { data, errors } = await postGraphQL(stack.gatewayUrl, operation, variables, stack.admin);
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return data!;
}

async function send(operation: string, variables: Record<string, unknown>) {
  const data = await query(operation, variables);
  return Object.values(data)[0] as { correlationId: string; id: string };
}

/** Sends a mutation and waits for comando(correlationId) (it emits the current state at once) to reach a final state. */
async function finished(operation: string, variables: Record<string, unknown>) {
  const accepted = await send(operation, variables);
  const status = live(op.Comando!, { correlationId: accepted.correlationId });
  const final = await status.waitFor((event) => event.comando.estado !== 'ACEPTADO');
  return { ...accepted, estado: final.comando.estado as string, motivo: final.comando.motivo as string | null, entidadId: final.comando.entidadId as string };
}

async function completed(operation: string, variables: Record<string, unknown>) {
  const outcome = await finished(operation, variables);
  expect(outcome, `${operation.split('(')[0]} ended ${outcome.estado}: ${outcome.motivo}`).toMatchObject({ estado: 'COMPLETADO' });
  return outcome;
}

let serial = 0;
const unique = (text: string) => `${text} ${process.pid}-${(serial += 1)}`;

async function registrarAfiliado(nombre: string): Promise<string> {
  const input = {
    nombre,
    email: `e2e.${Date.now()}.${(serial += 1)}@example.com`,
    telefono: '+57 300 123 4567',
    tipoAfiliacion: 'STANDARD',
    comisionBase: '5',
  };
  return (await completed(op.RegistrarAfiliado!, { input })).id;
}

async function campanaActiva(nombre: string, afiliadoIds: string[]): Promise<string> {
  const { id } = await completed(op.CrearCampana!, { input: campanaInput(nombre, afiliadoIds) });
  await completed(op.ActivarCampana!, { id });
  return id;
}

/** Registers a conversion of 200.00 and returns the commission marketing calculated for it. */
async function comisionCalculada(afiliadoId: string, campanaId: string) {
  const desde = new Date().toISOString();
  const calculadas = live(op.ComisionCalculada!, { afiliadoId, desde });
  const conversion = await send(op.RegistrarConversion!, {
    input: { afiliadoId, campanaId, valor: '200.00', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'e2e' } },
  });
  const { comisionCalculada: event } = await calculadas.waitFor((e) => e.comisionCalculada.comision.conversion.id === conversion.id);
  return { conversion, event };
}

/** Registers a conversion marketing must refuse a commission for; returns the ComisionRechazada event (comisionActualizada). */
async function comisionRechazada(afiliadoId: string, campanaId: string) {
  const actualizadas = live(op.ComisionActualizada!, { campanaId, desde: new Date().toISOString() });
  const conversion = await send(op.RegistrarConversion!, {
    input: { afiliadoId, campanaId, valor: '50.00', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'e2e' } },
  });
  const event = await actualizadas.waitFor((e) => e.comisionActualizada.correlationId === conversion.correlationId);
  expect(event.comisionActualizada.tipo).toBe('ComisionRechazada');
  return event.comisionActualizada;
}

describe('the business flow through the gateway: mutations queue commands, subscriptions stream the events', () => {
  it('registers an affiliate and creates a campaign with it; campanaCreada arrives with the affiliate name hydrated', async () => {
    const afiliadoId = await registrarAfiliado('Lucía Restrepo');
    const creadas = live(op.CampanaCreada!, { desde: new Date().toISOString() });
    const nombre = unique('Campaña Navidad');
    const creada = await send(op.CrearCampana!, { input: campanaInput(nombre, [afiliadoId]) });
    const event = await creadas.waitFor((e) => e.campanaCreada.campana.id === creada.id);
    expect(event.campanaCreada.correlationId).toBe(creada.correlationId);
    expect(event.campanaCreada.campana).toMatchObject({ nombre, estado: 'DRAFT', afiliados: [{ id: afiliadoId, nombre: 'Lucía Restrepo' }] });
  });

  it('activates the campaign, registers a conversion of 200.00 at 10 % and streams comisionCalculada of 20.00 with names; approve, then pay', async () => {
    const afiliadoId = await registrarAfiliado('Lucía Restrepo');
    const nombre = unique('Campaña Navidad');
    const campanaId = await campanaActiva(nombre, [afiliadoId]);
    const { conversion, event } = await comisionCalculada(afiliadoId, campanaId);
    expect(event.comision).toMatchObject({
      monto: '20.00',
      porcentaje: '10.00',
      estado: 'CALCULADA',
      afiliado: { nombre: 'Lucía Restrepo' },
      campana: { nombre },
      conversion: { id: conversion.id, valor: '200.00' },
    });
    expect(event.correlationId).toBe(conversion.correlationId);
    const comisionId: string = event.comision.id;

    let found = false;
    for (let after: string | null = null, page = 0; page < 50 && !found; page += 1) {
      const data: any = await query(op.ComisionesPendientes!, { first: 100, after });
      found = data.comisionesPendientes.nodes.some((node: { id: string }) => node.id === comisionId);
      if (!data.comisionesPendientes.pageInfo.hasNextPage) break;
      after = data.comisionesPendientes.pageInfo.endCursor;
    }
    expect(found).toBe(true);

    await completed(op.AprobarComision!, { id: comisionId });
    await completed(op.PagarComision!, { id: comisionId });
    const data = await query(op.Comision!, { id: comisionId });
    expect(data.comision).toMatchObject({ estado: 'PAGADA', aprobadaEn: expect.any(String), pagadaEn: expect.any(String) });
  });

  it('refuses a bad crearCampana with BAD_USER_INPUT and produces no event', async () => {
    const creadas = live(op.CampanaCreada!, { desde: new Date().toISOString() });
    const mala = unique('Fechas al revés');
    const { errors } = await postGraphQL(
      stack.gatewayUrl,
      op.CrearCampana!,
      { input: { ...campanaInput(mala, []), fechaInicio: '2026-12-31', fechaFin: '2026-12-01' } },
      stack.admin,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fechaFin' });
    const control = unique('Control válido');
    const valida = await send(op.CrearCampana!, { input: campanaInput(control, []) });
    // replayed from before the bad request: an event of it would be here, ahead of the control's
    await creadas.waitFor((e) => e.campanaCreada.campana.id === valida.id);
    expect(creadas.events.map((e) => e.campanaCreada.campana.nombre)).toEqual([control]);
  });

  it('resumes campanaCreada after a known eventoId: every later event, none before, no duplicates', async () => {
    const creadas = live(op.CampanaCreada!, { desde: new Date().toISOString() });
    const [primera, segunda, tercera] = [unique('Antes de desconectar'), unique('Mientras tanto'), unique('Después de reconectar')];
    const inicial = await send(op.CrearCampana!, { input: campanaInput(primera, []) });
    const primerEventoId = (await creadas.waitFor((e) => e.campanaCreada.campana.id === inicial.id)).campanaCreada.eventoId;
    await creadas.dispose();
    const intermedia = await completed(op.CrearCampana!, { input: campanaInput(segunda, []) });
    const resumed = live(op.CampanaCreada!, { desdeEvento: primerEventoId });
    await resumed.waitFor((e) => e.campanaCreada.campana.id === intermedia.id);
    const nueva = await send(op.CrearCampana!, { input: campanaInput(tercera, []) });
    await resumed.waitFor((e) => e.campanaCreada.campana.id === nueva.id);
    expect(resumed.events.map((e) => e.campanaCreada.campana.nombre)).toEqual([segunda, tercera]);
  });
});

describe('the rest of the lifecycle: assigning an affiliate later, finishing a campaign, rejecting a commission', () => {
  it('asignarAfiliado adds the affiliate to the campaign (AfiliadoAsignado), and its conversions then earn a commission', async () => {
    const afiliadoId = await registrarAfiliado('Mateo Asignado');
    const campanaId = await campanaActiva(unique('Asignación tardía'), []);
    const antes = await comisionRechazada(afiliadoId, campanaId);
    expect(antes.comision).toMatchObject({ estado: 'RECHAZADA', motivo: 'El afiliado no está asignado a la campaña' });

    const actualizaciones = live(op.CampanaActualizada!, { campanaId, desde: new Date().toISOString() });
    const asignado = await completed(op.AsignarAfiliado!, { campanaId, afiliadoId });
    expect(asignado.entidadId).toBe(campanaId);
    const event = await actualizaciones.waitFor((e) => e.campanaActualizada.tipo === 'AfiliadoAsignado');
    expect(event.campanaActualizada).toMatchObject({ correlationId: asignado.correlationId, campana: { id: campanaId, estado: 'ACTIVE' } });
    const data = await query(op.Campana!, { id: campanaId });
    expect(data.campana.afiliados).toEqual([{ id: afiliadoId, nombre: 'Mateo Asignado' }]);

    const { event: comision } = await comisionCalculada(afiliadoId, campanaId);
    expect(comision.comision).toMatchObject({ estado: 'CALCULADA', monto: '20.00', afiliado: { nombre: 'Mateo Asignado' } });
  }, 60_000);

  it('finalizarCampana ends an ACTIVE campaign as COMPLETED (CampanaFinalizada); its later conversions are RECHAZADA; finishing again is RECHAZADO', async () => {
    const afiliadoId = await registrarAfiliado('Sofía Finalizada');
    const campanaId = await campanaActiva(unique('Campaña que termina'), [afiliadoId]);
    const actualizaciones = live(op.CampanaActualizada!, { campanaId, desde: new Date().toISOString() });
    const finalizada = await completed(op.FinalizarCampana!, { id: campanaId });
    const event = await actualizaciones.waitFor((e) => e.campanaActualizada.tipo === 'CampanaFinalizada');
    expect(event.campanaActualizada).toMatchObject({ correlationId: finalizada.correlationId, campana: { id: campanaId, estado: 'COMPLETED' } });
    expect((await query(op.Campana!, { id: campanaId })).campana.estado).toBe('COMPLETED');

    const rechazo = await comisionRechazada(afiliadoId, campanaId);
    expect(rechazo.comision).toMatchObject({ estado: 'RECHAZADA', motivo: 'La campaña no está activa (estado COMPLETED)' });

    const otraVez = await finished(op.FinalizarCampana!, { id: campanaId });
    expect(otraVez).toMatchObject({ estado: 'RECHAZADO', motivo: expect.stringMatching(/COMPLETED no puede pasar a COMPLETED/) });
  }, 60_000);

  it('registrarConversion in a campaign that does not exist is RECHAZADO once its retries are spent; nothing is stored', async () => {
    const afiliadoId = await registrarAfiliado('Tomás Sin Campaña');
    const campanaId = '018f3c1e-0000-7000-8000-00000000dead';
    const input = { afiliadoId, campanaId, valor: '10.00', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'e2e' } };
    const outcome = await finished(op.RegistrarConversion!, { input });
    expect(outcome).toMatchObject({ estado: 'RECHAZADO', motivo: `La campaña ${campanaId} no existe` });
    const { conversiones } = await query('query ($a: ID!) { conversiones(afiliadoId: $a) { totalCount } }', { a: afiliadoId });
    expect(conversiones.totalCount).toBe(0);
  }, 60_000);

  it('finalizarCampana also ends a PAUSED campaign', async () => {
    const campanaId = await campanaActiva(unique('Pausada y terminada'), []);
    await completed(op.PausarCampana!, { id: campanaId });
    expect((await query(op.Campana!, { id: campanaId })).campana.estado).toBe('PAUSED');
    await completed(op.FinalizarCampana!, { id: campanaId });
    expect((await query(op.Campana!, { id: campanaId })).campana.estado).toBe('COMPLETED');
  });

  it('rechazarComision turns a CALCULADA commission into RECHAZADA with its motivo (ComisionRechazada); it can no longer be approved', async () => {
    const afiliadoId = await registrarAfiliado('Tomás Rechazado');
    const campanaId = await campanaActiva(unique('Campaña con fraude'), [afiliadoId]);
    const { event } = await comisionCalculada(afiliadoId, campanaId);
    const comisionId: string = event.comision.id;

    const actualizaciones = live(op.ComisionActualizada!, { comisionId, desde: new Date().toISOString() });
    const rechazada = await completed(op.RechazarComision!, { id: comisionId, motivo: 'Conversión duplicada' });
    expect(rechazada.entidadId).toBe(comisionId);
    const cambio = await actualizaciones.waitFor((e) => e.comisionActualizada.tipo === 'ComisionRechazada');
    expect(cambio.comisionActualizada).toMatchObject({
      correlationId: rechazada.correlationId,
      comision: { id: comisionId, estado: 'RECHAZADA', motivo: 'Conversión duplicada' },
    });
    expect((await query(op.Comision!, { id: comisionId })).comision).toMatchObject({ estado: 'RECHAZADA', motivo: 'Conversión duplicada', aprobadaEn: null });

    const aprobar = await finished(op.AprobarComision!, { id: comisionId });
    expect(aprobar).toMatchObject({ estado: 'RECHAZADO', motivo: expect.stringMatching(/RECHAZADA no puede pasar a APROBADA/) });
    expect((await query(op.Comision!, { id: comisionId })).comision.estado).toBe('RECHAZADA');
  }, 60_000);

  it('rechazarComision refuses an empty motivo with BAD_USER_INPUT and queues nothing', async () => {
    const { errors } = await postGraphQL(stack.gatewayUrl, op.RechazarComision!, { id: '0190a4c0-0000-7000-8000-000000000000', motivo: '  ' }, stack.admin);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'motivo' });
  });
});
