import { CommandRejected, RetryLater } from '@alpes/transactional-messaging';
import { campanaConocida } from '../campanas-proyeccion/campana-conocida.js';
import type { Prisma } from '../generated/prisma/client.js';
import { conversionSnapshot } from '../infrastructure/snapshots.js';
import type { ConversionesHandler } from '../write/conversiones-transaction.js';

/**
 * RegistrarConversion → the conversion, registered now under the command's id, and ConversionRegistrada. Only for a
 * campaign conversiones knows: one created a moment ago may not have reached its projection yet, so the command waits
 * (RetryLater, ~5 s); after the last attempt it is rejected ("no existe"), and nothing is stored.
 */
export const registrarConversionHandler: ConversionesHandler<'RegistrarConversion'> = async (tx, { payload }) => {
  if (await tx.conversion.findUnique({ where: { id: payload.conversionId }, select: { id: true } })) {
    throw new CommandRejected(`La conversión ${payload.conversionId} ya está registrada`, payload.conversionId);
  }
  if (!(await campanaConocida(tx, payload.campanaId))) {
    throw new RetryLater(`La campaña ${payload.campanaId} no existe`, payload.conversionId);
  }
  const conversion = await tx.conversion.create({
    data: {
      id: payload.conversionId,
      afiliadoId: payload.afiliadoId,
      campanaId: payload.campanaId,
      valor: payload.valor,
      moneda: payload.moneda,
      tipo: payload.tipo,
      metadata: payload.metadata as Prisma.InputJsonObject,
      registradaEn: new Date(),
    },
  });
  return {
    entityId: conversion.id,
    events: [{ type: 'ConversionRegistrada', key: conversion.id, payload: { conversion: conversionSnapshot(conversion) } }],
  };
};
