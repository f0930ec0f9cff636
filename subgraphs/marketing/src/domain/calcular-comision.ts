import { Decimal } from 'decimal.js';
import { Porcentaje } from '@alpes/contracts';

export interface CampanaParaComision {
  estado: 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED';
  porcentajeComision: Decimal.Value;
  afiliadoIds: ReadonlySet<string>;
}

export interface AfiliadoParaComision {
  id: string;
  comisionBase: Decimal.Value;
  estado: 'ACTIVO' | 'SUSPENDIDO';
}

export type ResultadoComision =
  | { estado: 'CALCULADA'; montoBase: Decimal; porcentaje: Decimal; monto: Decimal }
  | { estado: 'RECHAZADA'; montoBase: Decimal; porcentaje: Decimal; monto: Decimal; motivo: string };

/**
 * How a commission is calculated. monto = valor × porcentaje / 100 in decimal arithmetic (2 decimals,
 * half-up); porcentaje is the campaign's, raised to the affiliate's base if that is higher. Rejected
 * when the campaign is not ACTIVE, the affiliate is not assigned to it, or the affiliate is SUSPENDIDO.
 */
export function calcularComision(valor: Decimal.Value, campana: CampanaParaComision, afiliado: AfiliadoParaComision | null): ResultadoComision {
  const montoBase = new Decimal(valor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const porcentaje = afiliado
    ? Porcentaje.of(campana.porcentajeComision).max(Porcentaje.of(afiliado.comisionBase)).value
    : Porcentaje.of(campana.porcentajeComision).value;
  const monto = montoBase.times(porcentaje).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const motivo = motivoDeRechazo(campana, afiliado);
  return motivo ? { estado: 'RECHAZADA', montoBase, porcentaje, monto, motivo } : { estado: 'CALCULADA', montoBase, porcentaje, monto };
}

function motivoDeRechazo(campana: CampanaParaComision, afiliado: AfiliadoParaComision | null): string | null {
  if (campana.estado !== 'ACTIVE') return `La campaña no está activa (estado ${campana.estado})`;
  if (!afiliado) return 'El afiliado no es conocido por marketing';
  if (!campana.afiliadoIds.has(afiliado.id)) return 'El afiliado no está asignado a la campaña';
  if (afiliado.estado === 'SUSPENDIDO') return 'El afiliado está suspendido';
  return null;
}
