import { Decimal } from 'decimal.js';
import { calcularComision } from '@alpes/marketing-subgraph';
import { newId } from '@alpes/platform';
import { APELLIDOS, CAMPANAS, CANALES, MONEDAS, NOMBRES } from './catalog.js';
import { SeededRandom } from './random.js';

export interface DemoSize {
  afiliados: number;
  conversiones: number;
}

export const DEFAULT_DEMO_SIZE: DemoSize = { afiliados: 60, conversiones: 2400 };

const DAY_MS = 86_400_000;
const VALOR_RANGE: Record<string, Record<'VENTA' | 'LEAD' | 'CLIC', [number, number]>> = {
  COP: { VENTA: [25_000, 950_000], LEAD: [3_000, 25_000], CLIC: [200, 1_500] },
  USD: { VENTA: [8, 420], LEAD: [1, 12], CLIC: [0.05, 0.6] },
  MXN: { VENTA: [150, 8_000], LEAD: [20, 200], CLIC: [1, 12] },
  EUR: { VENTA: [7, 380], LEAD: [1, 10], CLIC: [0.05, 0.5] },
};

/** Builds the whole demo dataset in memory: affiliates, campaigns with assignments, conversions and their commissions. */
export function buildDemoDataset(size: DemoSize = DEFAULT_DEMO_SIZE, now = new Date('2026-11-27T12:00:00Z')) {
  const random = new SeededRandom(20261128);
  const start = now.getTime() - 330 * DAY_MS;

  const afiliados = Array.from({ length: size.afiliados }, (_, index) => {
    const nombre = `${random.pick(NOMBRES)} ${random.pick(APELLIDOS)}`;
    const premium = random.next() < 0.25;
    const creadoEn = new Date(start + index * 2 * 3_600_000);
    return {
      id: newId(creadoEn),
      nombre,
      email: `${nombre
        .normalize('NFD')
        .replace(/[^a-zA-Z ]/g, '')
        .toLowerCase()
        .replace(/ /g, '.')}.${index + 1}@example.com`,
      telefono: `+57 3${random.int(10, 29)} ${random.int(100, 999)} ${random.int(1000, 9999)}`,
      tipoAfiliacion: premium ? ('PREMIUM' as const) : ('STANDARD' as const),
      comisionBase: new Decimal(premium ? random.int(80, 150) : random.int(30, 80)).dividedBy(10),
      estado: index % 20 === 7 ? ('SUSPENDIDO' as const) : ('ACTIVO' as const),
      creadoEn,
    };
  });

  const campanas = CAMPANAS.map((plantilla, index) => {
    const creadaEn = new Date(start + (index * 24 + 1) * DAY_MS);
    const fechaInicio = new Date(Date.UTC(creadaEn.getUTCFullYear(), creadaEn.getUTCMonth(), creadaEn.getUTCDate() + 3));
    const estado =
      index === CAMPANAS.length - 1 ? ('DRAFT' as const) : index < 3 ? ('COMPLETED' as const) : index === 5 ? ('PAUSED' as const) : ('ACTIVE' as const);
    return {
      id: newId(creadaEn),
      nombre: plantilla.nombre,
      descripcion: `Campaña ${plantilla.tipo.toLowerCase()} de AlpesPartner: ${plantilla.tags.join(', ')}`,
      fechaInicio,
      fechaFin: new Date(fechaInicio.getTime() + random.int(30, 120) * DAY_MS),
      presupuesto: new Decimal(random.int(20, 400) * 1000),
      metaConversiones: random.int(100, 1500),
      tipo: plantilla.tipo,
      estado,
      porcentajeComision: new Decimal(random.int(50, 150)).dividedBy(10),
      tags: [...plantilla.tags],
      creadaEn,
    };
  });
  const conConversiones = campanas.filter((campana) => campana.estado !== 'DRAFT');

  const asignaciones = afiliados.flatMap((afiliado) =>
    random.sample(conConversiones, random.int(2, 4)).map((campana) => ({ campanaId: campana.id, afiliadoId: afiliado.id })),
  );
  const asignadosPorCampana = new Map(campanas.map((campana) => [campana.id, new Set<string>()]));
  for (const { campanaId, afiliadoId } of asignaciones) asignadosPorCampana.get(campanaId)?.add(afiliadoId);

  const conversiones = [];
  const comisiones = [];
  for (let index = 0; index < size.conversiones; index += 1) {
    const afiliado = afiliados[index % afiliados.length]!;
    const propias = asignaciones.filter((asignacion) => asignacion.afiliadoId === afiliado.id);
    // About 1 in 25 conversions is attributed to a campaign the affiliate is not assigned to: its commission is rejected.
    const campanaId = random.next() < 0.04 ? random.pick(conConversiones).id : random.pick(propias).campanaId;
    const campana = campanas.find((candidate) => candidate.id === campanaId)!;
    const registradaEn = new Date(Math.max(campana.creadaEn.getTime() + DAY_MS, start + ((index + 1) / size.conversiones) * (now.getTime() - start - DAY_MS)));
    const tipo = random.pick(['VENTA', 'VENTA', 'VENTA', 'LEAD', 'LEAD', 'CLIC'] as const);
    const moneda = random.pick(MONEDAS);
    const [min, max] = VALOR_RANGE[moneda]![tipo];
    const valor = new Decimal(min + random.next() * (max - min)).toDecimalPlaces(moneda === 'COP' ? 0 : 2);
    const conversion = {
      id: newId(registradaEn),
      afiliadoId: afiliado.id,
      campanaId,
      valor,
      moneda,
      tipo,
      metadata: { canal: random.pick(CANALES), ordenId: `ORD-${100000 + index}`, dispositivo: random.pick(['movil', 'escritorio', 'tablet']) },
      registradaEn,
    };
    conversiones.push(conversion);

    // Suspended affiliates were suspended in the last 30 days: earlier conversions earned commissions as usual.
    const estadoAfiliado = afiliado.estado === 'SUSPENDIDO' && now.getTime() - registradaEn.getTime() < 30 * DAY_MS ? 'SUSPENDIDO' : 'ACTIVO';
    const resultado = calcularComision(
      valor,
      { estado: 'ACTIVE', porcentajeComision: campana.porcentajeComision, afiliadoIds: asignadosPorCampana.get(campanaId)! },
      { ...afiliado, estado: estadoAfiliado },
    );
    const calculadaEn = new Date(registradaEn.getTime() + 2_000);
    const edadDias = (now.getTime() - registradaEn.getTime()) / DAY_MS;
    const estado = resultado.estado === 'RECHAZADA' ? 'RECHAZADA' : edadDias > 60 ? 'PAGADA' : edadDias > 20 ? 'APROBADA' : 'CALCULADA';
    comisiones.push({
      id: newId(calculadaEn),
      conversionId: conversion.id,
      afiliadoId: afiliado.id,
      campanaId,
      montoBase: resultado.montoBase,
      porcentaje: resultado.porcentaje,
      monto: resultado.monto,
      moneda,
      estado,
      motivo: resultado.estado === 'RECHAZADA' ? resultado.motivo : null,
      calculadaEn,
      aprobadaEn: estado === 'APROBADA' || estado === 'PAGADA' ? new Date(calculadaEn.getTime() + 5 * DAY_MS) : null,
      pagadaEn: estado === 'PAGADA' ? new Date(calculadaEn.getTime() + 30 * DAY_MS) : null,
    } as const);
  }
  return { afiliados, campanas, asignaciones, conversiones, comisiones };
}

export type DemoDataset = ReturnType<typeof buildDemoDataset>;
