import { z } from 'zod';
import { decimal, estadoAfiliado, tipoAfiliacion, uuid } from '../primitives.js';

export const RegistrarAfiliado = z.object({
  afiliadoId: uuid,
  nombre: z.string().min(1),
  email: z.email(),
  telefono: z.string().nullable(),
  tipoAfiliacion,
  comisionBase: decimal,
});

/** Only the fields present change. */
export const ActualizarAfiliado = z.object({
  afiliadoId: uuid,
  cambios: z.object({
    nombre: z.string().min(1).optional(),
    email: z.email().optional(),
    telefono: z.string().nullable().optional(),
    tipoAfiliacion: tipoAfiliacion.optional(),
    comisionBase: decimal.optional(),
    estado: estadoAfiliado.optional(),
  }),
});
