import { Decimal } from 'decimal.js';
import type { ConversionesPrisma } from '../infrastructure/prisma-client.js';
import { whereOf, type FiltroConversiones } from './conversiones-listing.js';

export interface TotalPorMoneda {
  moneda: string;
  conversiones: number;
  valorTotal: Decimal;
}

export interface MetricasConversiones {
  totalConversiones: number;
  porMoneda: TotalPorMoneda[];
  porCampana: { campana: { __typename: 'Campana'; id: string }; conversiones: number; porMoneda: TotalPorMoneda[] }[];
}

function addTo(totals: Map<string, TotalPorMoneda>, moneda: string, conversiones: number, valor: Decimal) {
  const current = totals.get(moneda) ?? { moneda, conversiones: 0, valorTotal: new Decimal(0) };
  totals.set(moneda, { moneda, conversiones: current.conversiones + conversiones, valorTotal: current.valorTotal.plus(valor) });
}

/** No conversion matches (an affiliate user asking for another's): zeros, without a query. */
export function sinMetricas(): MetricasConversiones {
  return { totalConversiones: 0, porMoneda: [], porCampana: [] };
}

/** Count and sums per currency and per campaign, from one GROUP BY statement. Currencies are never summed together. */
export async function metricasConversiones(prisma: ConversionesPrisma, filtro: FiltroConversiones): Promise<MetricasConversiones> {
  const groups = await prisma.conversion.groupBy({
    by: ['campanaId', 'moneda'],
    where: whereOf(filtro),
    _count: { _all: true },
    _sum: { valor: true },
  });
  const porMoneda = new Map<string, TotalPorMoneda>();
  const porCampana = new Map<string, Map<string, TotalPorMoneda>>();
  for (const group of groups) {
    const valor = new Decimal(group._sum.valor?.toString() ?? '0');
    addTo(porMoneda, group.moneda, group._count._all, valor);
    const campana = porCampana.get(group.campanaId) ?? new Map<string, TotalPorMoneda>();
    addTo(campana, group.moneda, group._count._all, valor);
    porCampana.set(group.campanaId, campana);
  }
  const sortByMoneda = (totals: Map<string, TotalPorMoneda>) => [...totals.values()].sort((a, b) => a.moneda.localeCompare(b.moneda));
  return {
    totalConversiones: groups.reduce((sum, group) => sum + group._count._all, 0),
    porMoneda: sortByMoneda(porMoneda),
    porCampana: [...porCampana.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([campanaId, totals]) => {
        const monedas = sortByMoneda(totals);
        return {
          campana: { __typename: 'Campana' as const, id: campanaId },
          conversiones: monedas.reduce((sum, total) => sum + total.conversiones, 0),
          porMoneda: monedas,
        };
      }),
  };
}
