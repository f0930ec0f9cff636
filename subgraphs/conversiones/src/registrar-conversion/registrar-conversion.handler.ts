import { CommandRejected } from '@alpes/transactional-messaging';
import type { Prisma } from '../generated/prisma/client.js';
import { conversionSnapshot } from '../infrastructure/snapshots.js';
import type { ConversionesHandler } from '../write/conversiones-transaction.js';

/** RegistrarConversion → the conversion, registered now under the command's id, and ConversionRegistrada. */
export const registrarConversionHandler: ConversionesHandler<'RegistrarConversion'> = async (tx, { payload }) => {
  if (await tx.conversion.findUnique({ where: { id: payload.conversionId }, select: { id: true } })) {
    throw new CommandRejected(`La conversión ${payload.conversionId} ya está registrada`, payload.conversionId);
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
