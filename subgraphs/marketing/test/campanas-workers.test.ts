// The campaign commands through the bus and the worker, on a real database: every state change the machine allows,
// refusals with their motivo, and asignarAfiliado.
import { newId } from '@alpes/platform';
import { caughtUp } from '@alpes/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASIGNAR,
  afiliadoProyectado,
  campanaEn,
  mutacionPorId,
  resuelto,
  startMarketingWriteHarness,
  type MarketingWriteHarness,
} from './support/marketing-write-harness.js';

let h: MarketingWriteHarness;

beforeAll(async () => {
  h = await startMarketingWriteHarness();
});
afterAll(async () => {
  await h?.close();
});

const estadoDe = async (id: string) => (await h.prisma.campana.findUniqueOrThrow({ where: { id } })).estado;
const eventosDe = (id: string) => h.eventos.messages.filter((message) => message.key === id).map((message) => message.type);

describe('campaign state changes through the worker', () => {
  it('DRAFT → ACTIVE → PAUSED → ACTIVE → COMPLETED: each step completes, publishes its event and changes the row', async () => {
    const id = await campanaEn(h, 'DRAFT');
    for (const [mutation, estado] of [
      ['activarCampana', 'ACTIVE'],
      ['pausarCampana', 'PAUSED'],
      ['activarCampana', 'ACTIVE'],
      ['finalizarCampana', 'COMPLETED'],
    ] as const) {
      const { aceptado, resultado } = await resuelto(h, mutacionPorId(mutation), { id });
      expect(aceptado.id).toBe(id);
      expect(resultado).toMatchObject({ type: 'ComandoCompletado', payload: { entidadId: id } });
      expect(await estadoDe(id)).toBe(estado);
    }
    await caughtUp(h.bus, h.eventos);
    expect(eventosDe(id)).toEqual(['CampanaCreada', 'CampanaActivada', 'CampanaPausada', 'CampanaActivada', 'CampanaFinalizada']);
    expect(h.eventos.of('CampanaFinalizada', (message) => message.key === id)[0]?.payload.campana).toMatchObject({ id, estado: 'COMPLETED' });
  });

  it('finalizarCampana ends a PAUSED campaign without reactivating it', async () => {
    const id = await campanaEn(h, 'PAUSED');
    const { resultado } = await resuelto(h, mutacionPorId('finalizarCampana'), { id });
    expect(resultado).toMatchObject({ type: 'ComandoCompletado', payload: { comando: 'FinalizarCampana', entidadId: id } });
    expect(await estadoDe(id)).toBe('COMPLETED');
    await caughtUp(h.bus, h.eventos);
    expect(eventosDe(id).slice(-2)).toEqual(['CampanaPausada', 'CampanaFinalizada']);
  });

  it.each([
    ['DRAFT', 'finalizarCampana', 'COMPLETED', 'ACTIVE o PAUSED'],
    ['DRAFT', 'pausarCampana', 'PAUSED', 'ACTIVE'],
    ['PAUSED', 'pausarCampana', 'PAUSED', 'ACTIVE'],
    ['COMPLETED', 'activarCampana', 'ACTIVE', 'DRAFT o PAUSED'],
    ['COMPLETED', 'finalizarCampana', 'COMPLETED', 'ACTIVE o PAUSED'],
  ] as const)('a %s campaign refuses %s with ComandoRechazado and its motivo; nothing changes', async (desde, mutation, hacia, permitido) => {
    const id = await campanaEn(h, desde);
    await caughtUp(h.bus, h.eventos);
    const antes = eventosDe(id);
    const { resultado } = await resuelto(h, mutacionPorId(mutation), { id });
    expect(resultado).toMatchObject({
      type: 'ComandoRechazado',
      payload: { entidadId: id, motivo: `Una campaña en estado ${desde} no puede pasar a ${hacia} (permitido desde ${permitido})` },
    });
    expect(await estadoDe(id)).toBe(desde);
    await caughtUp(h.bus, h.eventos);
    expect(eventosDe(id)).toEqual(antes);
    expect(await h.prisma.inboxMessage.findFirst({ where: { correlationId: resultado.correlationId } })).toMatchObject({
      outcome: 'RECHAZADO',
      reason: expect.stringMatching(/^Una campaña en estado/),
    });
  });

  it('rejects a change to a campaign that does not exist, naming it', async () => {
    const id = newId();
    const { resultado } = await resuelto(h, mutacionPorId('finalizarCampana'), { id });
    expect(resultado).toMatchObject({ type: 'ComandoRechazado', payload: { comando: 'FinalizarCampana', motivo: `La campaña ${id} no existe` } });
  });
});

describe('asignarAfiliado through the worker', () => {
  it('assigns a known affiliate: a campana_afiliados row and AfiliadoAsignado with the new afiliadoIds', async () => {
    const [primero, segundo] = [await afiliadoProyectado(h), await afiliadoProyectado(h)];
    const campanaId = await campanaEn(h, 'ACTIVE', { afiliadoIds: [primero] });
    const { resultado } = await resuelto(h, ASIGNAR, { campanaId, afiliadoId: segundo });
    expect(resultado).toMatchObject({ type: 'ComandoCompletado', payload: { comando: 'AsignarAfiliado', entidadId: campanaId } });
    await caughtUp(h.bus, h.eventos);
    const asignado = h.eventos.of('AfiliadoAsignado', (message) => message.key === campanaId);
    expect(asignado).toHaveLength(1);
    expect(asignado[0]!.payload).toMatchObject({ afiliadoId: segundo, campana: { id: campanaId, afiliadoIds: [primero, segundo] } });
    const filas = await h.prisma.campanaAfiliado.findMany({ where: { campanaId }, orderBy: { asignadoEn: 'asc' } });
    expect(filas.map((fila) => fila.afiliadoId).sort()).toEqual([primero, segundo].sort());
  });

  it('assigning the same affiliate twice completes and changes nothing (no second row, no second event)', async () => {
    const afiliadoId = await afiliadoProyectado(h);
    const campanaId = await campanaEn(h, 'DRAFT');
    expect((await resuelto(h, ASIGNAR, { campanaId, afiliadoId })).resultado.type).toBe('ComandoCompletado');
    expect((await resuelto(h, ASIGNAR, { campanaId, afiliadoId })).resultado.type).toBe('ComandoCompletado');
    expect(await h.prisma.campanaAfiliado.count({ where: { campanaId } })).toBe(1);
    await caughtUp(h.bus, h.eventos);
    expect(h.eventos.of('AfiliadoAsignado', (message) => message.key === campanaId)).toHaveLength(1);
  });

  it('refuses to assign to a COMPLETED campaign, with its motivo', async () => {
    const afiliadoId = await afiliadoProyectado(h);
    const campanaId = await campanaEn(h, 'COMPLETED');
    const { resultado } = await resuelto(h, ASIGNAR, { campanaId, afiliadoId });
    expect(resultado).toMatchObject({
      type: 'ComandoRechazado',
      payload: { entidadId: campanaId, motivo: 'No se asignan afiliados a una campaña finalizada' },
    });
    expect(await h.prisma.campanaAfiliado.count({ where: { campanaId } })).toBe(0);
  });

  it('refuses to assign to a campaign that does not exist', async () => {
    const campanaId = newId();
    const { resultado } = await resuelto(h, ASIGNAR, { campanaId, afiliadoId: await afiliadoProyectado(h) });
    expect(resultado).toMatchObject({ type: 'ComandoRechazado', payload: { motivo: `La campaña ${campanaId} no existe` } });
  });
});
