import { z } from 'zod';
import { decimal, isoDate, tipoCampana, uuid } from '../primitives.js';

export const CrearCampana = z.object({
  campanaId: uuid,
  nombre: z.string().min(1),
  descripcion: z.string().nullable(),
  fechaInicio: isoDate,
  fechaFin: isoDate,
  presupuesto: decimal,
  metaConversiones: z.number().int().min(0),
  tipo: tipoCampana,
  porcentajeComision: decimal,
  tags: z.array(z.string()),
  afiliadoIds: z.array(uuid),
});
export const ActivarCampana = z.object({ campanaId: uuid });
export const PausarCampana = z.object({ campanaId: uuid });
export const FinalizarCampana = z.object({ campanaId: uuid });
export const AsignarAfiliado = z.object({ campanaId: uuid, afiliadoId: uuid });

export const AprobarComision = z.object({ comisionId: uuid });
export const PagarComision = z.object({ comisionId: uuid });
export const RechazarComision = z.object({ comisionId: uuid, motivo: z.string().min(1) });
