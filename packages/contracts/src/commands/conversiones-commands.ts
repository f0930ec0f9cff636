import { z } from 'zod';
import { currency, decimal, tipoConversion, uuid } from '../primitives.js';

export const RegistrarConversion = z.object({
  conversionId: uuid,
  afiliadoId: uuid,
  campanaId: uuid,
  valor: decimal,
  moneda: currency,
  tipo: tipoConversion,
  metadata: z.record(z.string(), z.unknown()),
});
