// Commissions through the bus and the worker, on a real database: the rejection rules applied to a ConversionRegistrada,
// and aprobarComision / pagarComision / rechazarComision with the commission state machine.
import { newId } from '@alpes/platform';
import { caughtUp } from '@alpes/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECHAZAR,
  afiliadoProyectado,
  campanaEn,
  conversionRegistrada,
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

const filaDe = (conversionId: string) => h.prisma.comision.findUniqueOrThrow({ where: { conversionId } });

describe('the commission of a ConversionRegistrada', () => {
  it("CALCULADA in an ACTIVE campaign the affiliate is assigned to, at the affiliate's higher base", async () => {
    const afiliadoId = await afiliadoProyectado(h, { comisionBase: '12.00' });
    const campanaId = await campanaEn(h, 'ACTIVE', { porcentajeComision: '10', afiliadoIds: [afiliadoId] });
    const evento = await conversionRegistrada(h, { afiliadoId, campanaId, valor: '200.00' });
    expect(evento).toMatchObject({
      type: 'ComisionCalculada',
      payload: { comision: { afiliadoId, campanaId, montoBase: '200.00', porcentaje: '12.00', monto: '24.00', estado: 'CALCULADA', motivo: null } },
    });
    expect(await filaDe(evento.payload.comision.conversionId)).toMatchObject({ estado: 'CALCULADA', motivo: null });
  });

  it.each(['DRAFT', 'PAUSED', 'COMPLETED'] as const)('RECHAZADA with its motivo when the campaign is %s', async (estado) => {
    const afiliadoId = await afiliadoProyectado(h);
    const campanaId = await campanaEn(h, estado, { afiliadoIds: [afiliadoId] });
    const evento = await conversionRegistrada(h, { afiliadoId, campanaId, valor: '100.00' });
    const motivo = `La campaña no está activa (estado ${estado})`;
    expect(evento).toMatchObject({ type: 'ComisionRechazada', payload: { comision: { estado: 'RECHAZADA', motivo, monto: '10.00' } } });
    expect(await filaDe(evento.payload.comision.conversionId)).toMatchObject({ estado: 'RECHAZADA', motivo });
  });

  it('RECHAZADA with its motivo when the affiliate is not assigned to the campaign', async () => {
    const [asignado, otro] = [await afiliadoProyectado(h), await afiliadoProyectado(h)];
    const campanaId = await campanaEn(h, 'ACTIVE', { afiliadoIds: [asignado] });
    const evento = await conversionRegistrada(h, { afiliadoId: otro, campanaId, valor: '100.00' });
    expect(evento).toMatchObject({
      type: 'ComisionRechazada',
      payload: { comision: { afiliadoId: otro, estado: 'RECHAZADA', motivo: 'El afiliado no está asignado a la campaña' } },
    });
    expect(await filaDe(evento.payload.comision.conversionId)).toMatchObject({ estado: 'RECHAZADA', motivo: 'El afiliado no está asignado a la campaña' });
  });

  it('RECHAZADA with its motivo when the affiliate is SUSPENDIDO', async () => {
    const afiliadoId = await afiliadoProyectado(h, { estado: 'SUSPENDIDO' });
    const campanaId = await campanaEn(h, 'ACTIVE', { afiliadoIds: [afiliadoId] });
    const evento = await conversionRegistrada(h, { afiliadoId, campanaId, valor: '100.00' });
    expect(evento).toMatchObject({ type: 'ComisionRechazada', payload: { comision: { estado: 'RECHAZADA', motivo: 'El afiliado está suspendido' } } });
    expect(await filaDe(evento.payload.comision.conversionId)).toMatchObject({ estado: 'RECHAZADA', motivo: 'El afiliado está suspendido' });
  });
});

/** A CALCULADA commission, brought to `estado` through the mutations. */
async function comisionEn(estado: 'CALCULADA' | 'APROBADA' | 'PAGADA' | 'RECHAZADA'): Promise<string> {
  const afiliadoId = await afiliadoProyectado(h);
  const campanaId = await campanaEn(h, 'ACTIVE', { afiliadoIds: [afiliadoId] });
  const { payload } = await conversionRegistrada(h, { afiliadoId, campanaId, valor: '50.00' });
  const id = payload.comision.id;
  const pasos = { CALCULADA: [], APROBADA: ['aprobarComision'], PAGADA: ['aprobarComision', 'pagarComision'], RECHAZADA: ['rechazarComision'] }[estado];
  for (const paso of pasos) {
    const { resultado } =
      paso === 'rechazarComision' ? await resuelto(h, RECHAZAR, { id, motivo: 'preparación' }) : await resuelto(h, mutacionPorId(paso), { id });
    if (resultado.type !== 'ComandoCompletado') throw new Error(`${paso} was rejected: ${JSON.stringify(resultado.payload)}`);
  }
  return id;
}

const eventosDe = (id: string) => h.comisionesEventos.messages.filter((message) => message.key === id).map((message) => message.type);

describe('commission state changes through the worker', () => {
  it('aprobarComision then pagarComision: CALCULADA → APROBADA → PAGADA, with their dates and events', async () => {
    const id = await comisionEn('CALCULADA');
    expect((await resuelto(h, mutacionPorId('aprobarComision'), { id })).resultado).toMatchObject({
      type: 'ComandoCompletado',
      payload: { comando: 'AprobarComision', entidadId: id },
    });
    expect(await h.prisma.comision.findUniqueOrThrow({ where: { id } })).toMatchObject({ estado: 'APROBADA', aprobadaEn: expect.any(Date), pagadaEn: null });
    expect((await resuelto(h, mutacionPorId('pagarComision'), { id })).resultado).toMatchObject({
      type: 'ComandoCompletado',
      payload: { comando: 'PagarComision' },
    });
    expect(await h.prisma.comision.findUniqueOrThrow({ where: { id } })).toMatchObject({ estado: 'PAGADA', pagadaEn: expect.any(Date) });
    await caughtUp(h.bus, h.comisionesEventos);
    expect(eventosDe(id)).toEqual(['ComisionCalculada', 'ComisionAprobada', 'ComisionPagada']);
  });

  it.each(['CALCULADA', 'APROBADA'] as const)('rechazarComision on a %s commission: RECHAZADA with the motivo given, and ComisionRechazada', async (desde) => {
    const id = await comisionEn(desde);
    const { resultado } = await resuelto(h, RECHAZAR, { id, motivo: 'Venta anulada por el cliente' });
    expect(resultado).toMatchObject({ type: 'ComandoCompletado', payload: { comando: 'RechazarComision', entidadId: id } });
    expect(await h.prisma.comision.findUniqueOrThrow({ where: { id } })).toMatchObject({ estado: 'RECHAZADA', motivo: 'Venta anulada por el cliente' });
    await caughtUp(h.bus, h.comisionesEventos);
    const [rechazada] = h.comisionesEventos.of('ComisionRechazada', (message) => message.key === id);
    expect(rechazada?.payload.comision).toMatchObject({ id, estado: 'RECHAZADA', motivo: 'Venta anulada por el cliente' });
  });

  it.each([
    ['PAGADA', 'rechazarComision', 'RECHAZADA', 'CALCULADA o APROBADA'],
    ['RECHAZADA', 'rechazarComision', 'RECHAZADA', 'CALCULADA o APROBADA'],
    ['CALCULADA', 'pagarComision', 'PAGADA', 'APROBADA'],
    ['APROBADA', 'aprobarComision', 'APROBADA', 'CALCULADA'],
    ['PAGADA', 'aprobarComision', 'APROBADA', 'CALCULADA'],
    ['RECHAZADA', 'pagarComision', 'PAGADA', 'APROBADA'],
  ] as const)('a %s commission refuses %s with ComandoRechazado and its motivo; nothing changes', async (desde, mutation, hacia, permitido) => {
    const id = await comisionEn(desde);
    const antes = await h.prisma.comision.findUniqueOrThrow({ where: { id } });
    await caughtUp(h.bus, h.comisionesEventos);
    const eventosAntes = eventosDe(id);
    const { resultado } =
      mutation === 'rechazarComision' ? await resuelto(h, RECHAZAR, { id, motivo: 'tarde' }) : await resuelto(h, mutacionPorId(mutation), { id });
    expect(resultado).toMatchObject({
      type: 'ComandoRechazado',
      payload: { entidadId: id, motivo: `Una comisión en estado ${desde} no puede pasar a ${hacia} (permitido desde ${permitido})` },
    });
    expect(await h.prisma.comision.findUniqueOrThrow({ where: { id } })).toEqual(antes);
    await caughtUp(h.bus, h.comisionesEventos);
    expect(eventosDe(id)).toEqual(eventosAntes);
  });

  it('rejects a change to a commission that does not exist, naming it', async () => {
    const id = newId();
    const { resultado } = await resuelto(h, RECHAZAR, { id, motivo: 'no importa' });
    expect(resultado).toMatchObject({ type: 'ComandoRechazado', payload: { comando: 'RechazarComision', motivo: `La comisión ${id} no existe` } });
  });
});
