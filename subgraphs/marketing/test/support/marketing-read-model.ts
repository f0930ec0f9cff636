// The read model the marketing subgraph's query tests run against: four campaigns, their assigned affiliates and seven
// commissions, with ids made from distinct days so that id order is the order of the rows below.
import { newId } from '@alpes/platform';
import type { MarketingPrisma } from '../../src/index.js';

/** Noon UTC on day n of January 2026: ids made from distinct days order like the rows below. */
const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));
export const [a1, a2, a3, a4] = [newId(), newId(), newId(), newId()]; // a4 has no campaigns and no commissions
export const [p1, p2, p3, p4] = [1, 2, 3, 4].map((n) => newId(day(n))) as [string, string, string, string];
type Estado = 'CALCULADA' | 'APROBADA' | 'PAGADA' | 'RECHAZADA';
export const comisiones: [string, string, string, string, string, string, Estado][] = [
  // afiliado, campaña, montoBase, porcentaje, monto, moneda, estado
  [a1, p1, '120.50', '10', '12.05', 'USD', 'CALCULADA'], // m0
  [a1, p1, '80', '10', '8', 'USD', 'APROBADA'], //          m1
  [a2, p1, '200', '10', '20', 'USD', 'PAGADA'], //          m2
  [a1, p2, '1000', '7.5', '75', 'COP', 'CALCULADA'], //     m3
  [a2, p2, '50', '7.5', '3.75', 'USD', 'RECHAZADA'], //     m4
  [a1, p1, '33.33', '10', '3.33', 'USD', 'PAGADA'], //      m5
  [a3, p4, '10', '10', '1', 'USD', 'CALCULADA'], //         m6
];
export const m = comisiones.map((_, index) => newId(day(10 + index)));
export const v = comisiones.map(() => newId()); // the conversions the commissions were calculated for

const utcDate = (text: string) => new Date(`${text}T00:00:00Z`);

/** Writes the campaigns, assignments and commissions above into a fresh marketing database. */
export async function seedMarketingReadModel(prisma: MarketingPrisma): Promise<void> {
  const campana = (id: string, nombre: string, estado: 'DRAFT' | 'ACTIVE' | 'PAUSED', tipo: 'DIGITAL' | 'FIDELIZACION' | 'ESTACIONAL' | 'PROMOCIONAL') => ({
    id,
    nombre,
    estado,
    tipo,
    fechaInicio: utcDate('2026-01-15'),
    fechaFin: utcDate('2026-03-31'),
    presupuesto: '1000',
    metaConversiones: 10,
    porcentajeComision: '10',
    tags: [],
  });
  await prisma.campana.createMany({
    data: [
      { ...campana(p1, 'Verano Digital', 'ACTIVE', 'DIGITAL'), presupuesto: '5000', tags: ['verano', 'web'], descripcion: 'Ventas online de verano' },
      {
        ...campana(p2, 'Fidelidad', 'ACTIVE', 'FIDELIZACION'),
        fechaInicio: utcDate('2026-02-01'),
        fechaFin: utcDate('2026-06-30'),
        presupuesto: '1200.5',
        porcentajeComision: '7.5',
      },
      campana(p3, 'Navidad', 'DRAFT', 'ESTACIONAL'),
      campana(p4, 'Promo Pausada', 'PAUSED', 'PROMOCIONAL'),
    ],
  });
  await prisma.campanaAfiliado.createMany({
    data: [
      { campanaId: p1, afiliadoId: a2, asignadoEn: day(5) },
      { campanaId: p1, afiliadoId: a1, asignadoEn: day(6) },
      { campanaId: p2, afiliadoId: a1, asignadoEn: day(5) },
      { campanaId: p4, afiliadoId: a3, asignadoEn: day(5) },
    ],
  });
  await prisma.comision.createMany({
    data: comisiones.map(([afiliadoId, campanaId, montoBase, porcentaje, monto, moneda, estado], index) => ({
      id: m[index]!,
      conversionId: v[index]!,
      afiliadoId,
      campanaId,
      montoBase,
      porcentaje,
      monto,
      moneda,
      estado,
      calculadaEn: day(10 + index),
      ...(estado === 'RECHAZADA' ? { motivo: 'El afiliado no está asignado a la campaña' } : {}),
    })),
  });
}
