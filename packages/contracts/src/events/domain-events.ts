import { z } from 'zod';
import { uuid } from '../primitives.js';
import { AfiliadoSnapshot, CampanaSnapshot, ComisionSnapshot, ConversionSnapshot } from './snapshots.js';

export const CampanaCreada = z.object({ campana: CampanaSnapshot });
export const CampanaActivada = z.object({ campana: CampanaSnapshot });
export const CampanaPausada = z.object({ campana: CampanaSnapshot });
export const CampanaFinalizada = z.object({ campana: CampanaSnapshot });
export const AfiliadoAsignado = z.object({ campana: CampanaSnapshot, afiliadoId: uuid });

export const ComisionCalculada = z.object({ comision: ComisionSnapshot });
export const ComisionAprobada = z.object({ comision: ComisionSnapshot });
export const ComisionPagada = z.object({ comision: ComisionSnapshot });
export const ComisionRechazada = z.object({ comision: ComisionSnapshot });

export const AfiliadoRegistrado = z.object({ afiliado: AfiliadoSnapshot });
export const AfiliadoActualizado = z.object({ afiliado: AfiliadoSnapshot });

export const ConversionRegistrada = z.object({ conversion: ConversionSnapshot });

/** The outcome of a command, keyed by its correlation id. */
export const ComandoCompletado = z.object({ comandoId: uuid, comando: z.string(), entidadId: uuid });
export const ComandoRechazado = z.object({ comandoId: uuid, comando: z.string(), entidadId: uuid.nullable(), motivo: z.string() });
