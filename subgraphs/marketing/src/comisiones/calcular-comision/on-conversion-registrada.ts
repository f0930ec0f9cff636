import { newId } from '@alpes/platform';
import { RetryLater } from '@alpes/transactional-messaging';
import { calcularComision } from '../../domain/calcular-comision.js';
import { registrarCambioComision } from '../../historial/registrar-cambio.js';
import { comisionSnapshot } from '../../infrastructure/snapshots.js';
import type { MarketingHandler } from '../../write/marketing-transaction.js';

/**
 * ConversionRegistrada → the conversion's commission, CALCULADA (ComisionCalculada) or RECHAZADA with a motivo
 * (ComisionRechazada). Idempotent per conversion: a conversion never gets a second commission.
 */
export const onConversionRegistrada: MarketingHandler<'ConversionRegistrada'> = async (tx, message, delivery) => {
  const { conversion } = message.payload;
  const existente = await tx.comision.findUnique({ where: { conversionId: conversion.id } });
  if (existente) return { entityId: existente.id, events: [] };
  const campana = await tx.campana.findUnique({ where: { id: conversion.campanaId }, include: { afiliados: { select: { afiliadoId: true } } } });
  if (!campana) throw new RetryLater(`La campaña ${conversion.campanaId} no existe`);
  const afiliado = await tx.afiliadoProyeccion.findUnique({ where: { id: conversion.afiliadoId } });
  if (!afiliado && !delivery.finalAttempt) throw new RetryLater(`Afiliado ${conversion.afiliadoId} aún no proyectado`);

  const resultado = calcularComision(
    conversion.valor,
    { estado: campana.estado, porcentajeComision: campana.porcentajeComision.toString(), afiliadoIds: new Set(campana.afiliados.map((a) => a.afiliadoId)) },
    afiliado ? { id: afiliado.id, comisionBase: afiliado.comisionBase.toString(), estado: afiliado.estado } : null,
  );
  const comision = await tx.comision.create({
    data: {
      id: newId(),
      conversionId: conversion.id,
      afiliadoId: conversion.afiliadoId,
      campanaId: campana.id,
      montoBase: resultado.montoBase.toFixed(2),
      porcentaje: resultado.porcentaje.toFixed(2),
      monto: resultado.monto.toFixed(2),
      moneda: conversion.moneda,
      estado: resultado.estado,
      motivo: resultado.estado === 'RECHAZADA' ? resultado.motivo : null,
    },
  });
  registrarCambioComision(tx, message, comision.id, comision.estado, comision.motivo);
  const type = resultado.estado === 'CALCULADA' ? 'ComisionCalculada' : 'ComisionRechazada';
  return { entityId: comision.id, events: [{ type, key: comision.id, payload: { comision: comisionSnapshot(comision) } }] };
};
