import { z } from 'zod';
import {
  currency,
  decimal,
  estadoAfiliado,
  estadoCampana,
  estadoComision,
  isoDate,
  isoDateTime,
  tipoAfiliacion,
  tipoCampana,
  tipoConversion,
  uuid,
} from '../primitives.js';

/** Entity state carried by events, so consumers (projections, subscriptions) need no call back. */
export const AfiliadoSnapshot = z.object({
  id: uuid,
  nombre: z.string(),
  email: z.string(),
  telefono: z.string().nullable(),
  tipoAfiliacion,
  comisionBase: decimal,
  estado: estadoAfiliado,
});

export const CampanaSnapshot = z.object({
  id: uuid,
  nombre: z.string(),
  estado: estadoCampana,
  tipo: tipoCampana,
  fechaInicio: isoDate,
  fechaFin: isoDate,
  presupuesto: decimal,
  porcentajeComision: decimal,
  afiliadoIds: z.array(uuid),
});

export const ConversionSnapshot = z.object({
  id: uuid,
  afiliadoId: uuid,
  campanaId: uuid,
  valor: decimal,
  moneda: currency,
  tipo: tipoConversion,
  registradaEn: isoDateTime,
});

export const ComisionSnapshot = z.object({
  id: uuid,
  conversionId: uuid,
  afiliadoId: uuid,
  campanaId: uuid,
  montoBase: decimal,
  porcentaje: decimal,
  monto: decimal,
  moneda: currency,
  estado: estadoComision,
  motivo: z.string().nullable(),
});

export type AfiliadoSnapshot = z.infer<typeof AfiliadoSnapshot>;
export type CampanaSnapshot = z.infer<typeof CampanaSnapshot>;
export type ConversionSnapshot = z.infer<typeof ConversionSnapshot>;
export type ComisionSnapshot = z.infer<typeof ComisionSnapshot>;
