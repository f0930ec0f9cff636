import type { PayloadOf } from '@alpes/contracts';
import type { Conversion } from '../generated/prisma/client.js';

type ConversionSnapshot = PayloadOf<'ConversionRegistrada'>['conversion'];

/** The conversion as events carry it. */
export function conversionSnapshot(conversion: Conversion): ConversionSnapshot {
  return {
    id: conversion.id,
    afiliadoId: conversion.afiliadoId,
    campanaId: conversion.campanaId,
    valor: conversion.valor.toFixed(2),
    moneda: conversion.moneda,
    tipo: conversion.tipo,
    registradaEn: conversion.registradaEn.toISOString(),
  };
}
