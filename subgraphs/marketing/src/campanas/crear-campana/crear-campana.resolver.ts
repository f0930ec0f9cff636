import { badUserInput, newId, parseField, parseId, parseText } from '@alpes/platform';
import { Porcentaje, type PayloadOf } from '@alpes/contracts';
import { sendCommand } from '@alpes/service-kit';
import { Dinero } from '../../domain/dinero.js';
import { RangoFechas, toIsoDate } from '../../domain/rango-fechas.js';
import type { MutationResolvers } from '../../resolver-types.generated.js';

const MAX_TAGS = 20;

/**
 * crearCampana: validates every field, then queues CrearCampana. Invalid input is never queued. The input's type is
 * generated from schema.graphql; a field with no rule of its own (tipo, …) passes as it is, and the command's zod
 * schema checks it again before it is queued.
 */
export const crearCampana = (async (_, { input }, { bus, identity }) => {
  const { fechaInicio, fechaFin, presupuesto, porcentajeComision, metaConversiones, nombre, descripcion, tags, afiliadoIds, ...sinReglas } = input;
  const rango = parseField('input.fechaFin', () => RangoFechas.of(fechaInicio, fechaFin));
  const dinero = parseField('input.presupuesto', () => Dinero.of(presupuesto));
  const porcentaje = parseField('input.porcentajeComision', () => Porcentaje.of(porcentajeComision));
  if (!Number.isInteger(metaConversiones) || metaConversiones < 0) {
    throw badUserInput(`input.metaConversiones must be a whole number ≥ 0, got ${metaConversiones}`, 'input.metaConversiones');
  }
  const tagsUnicos = [...new Set((tags ?? []).map((tag) => parseText(tag, 'input.tags', 50).toLowerCase()))];
  if (tagsUnicos.length > MAX_TAGS) throw badUserInput(`input.tags holds at most ${MAX_TAGS} tags`, 'input.tags');
  // every input field without a rule of its own must be a field of the command too: one the contract lacks fails here
  const pasanTalCual: Pick<PayloadOf<'CrearCampana'>, keyof typeof sinReglas> = sinReglas;
  const campanaId = newId();
  return sendCommand(
    bus,
    'CrearCampana',
    campanaId,
    {
      ...pasanTalCual,
      campanaId,
      nombre: parseText(nombre, 'input.nombre'),
      descripcion: descripcion?.trim() || null,
      fechaInicio: toIsoDate(rango.inicio),
      fechaFin: toIsoDate(rango.fin),
      presupuesto: dinero.toString(),
      metaConversiones,
      porcentajeComision: porcentaje.toString(),
      tags: tagsUnicos,
      afiliadoIds: [...new Set((afiliadoIds ?? []).map((id) => parseId(id, 'input.afiliadoIds')))],
    },
    identity,
  );
}) satisfies MutationResolvers['crearCampana'];
