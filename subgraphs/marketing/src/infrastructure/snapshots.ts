import type { PayloadOf } from '@alpes/contracts';
import type { Campana, Comision } from '../generated/prisma/client.js';
import { toIsoDate } from '../domain/rango-fechas.js';

type CampanaSnapshot = PayloadOf<'CampanaCreada'>['campana'];
type ComisionSnapshot = PayloadOf<'ComisionCalculada'>['comision'];

/** The campaign as events carry it. */
export function campanaSnapshot(campana: Campana, afiliadoIds: string[]): CampanaSnapshot {
  return {
    id: campana.id,
    nombre: campana.nombre,
    estado: campana.estado,
    tipo: campana.tipo,
    fechaInicio: toIsoDate(campana.fechaInicio),
    fechaFin: toIsoDate(campana.fechaFin),
    presupuesto: campana.presupuesto.toFixed(2),
    porcentajeComision: campana.porcentajeComision.toFixed(2),
    afiliadoIds,
  };
}

/** The commission as events carry it. */
export function comisionSnapshot(comision: Comision): ComisionSnapshot {
  return {
    id: comision.id,
    conversionId: comision.conversionId,
    afiliadoId: comision.afiliadoId,
    campanaId: comision.campanaId,
    montoBase: comision.montoBase.toFixed(2),
    porcentaje: comision.porcentaje.toFixed(2),
    monto: comision.monto.toFixed(2),
    moneda: comision.moneda,
    estado: comision.estado,
    motivo: comision.motivo,
  };
}
