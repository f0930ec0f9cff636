import type { ConversionesHandler } from '../write/conversiones-transaction.js';

/**
 * Conversiones' own projection of campaigns, from CampanaCreada on marketing.eventos: it never calls marketing. Only
 * the name is kept (it never changes after creation); a redelivered event is a no-op (inbox), a replayed one an upsert.
 */
export const onCampanaCreada: ConversionesHandler<'CampanaCreada'> = async (tx, message) => {
  const { id, nombre } = message.payload.campana;
  const actualizadoEn = new Date(message.occurredAt);
  await tx.campanaProyeccion.upsert({ where: { id }, create: { id, nombre, actualizadoEn }, update: { nombre, actualizadoEn } });
  return { entityId: id, events: [] };
};
