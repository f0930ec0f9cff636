import { DeferredRows } from '@alpes/transactional-messaging';
import type { ConversionesHandler, ConversionesTransaction } from '../write/conversiones-transaction.js';

interface CampanaProyectada {
  id: string;
  nombre: string;
  actualizadoEn: string;
}

// The campaigns a worker transaction projects go to the database at its end, one statement for the whole batch (a
// Prisma upsert per event measured up to a quarter less crearCampana throughput in bench:pulsar). A copy of one
// campaign's event twice in a batch keeps the last (ON CONFLICT cannot touch a row twice in one statement).
const proyectadas = new DeferredRows<ConversionesTransaction, CampanaProyectada>((tx, rows) => {
  const porId = new Map(rows.map((row) => [row.id, row]));
  return tx.$executeRawUnsafe(
    `INSERT INTO campanas_proyeccion (id, nombre, actualizado_en)
     SELECT id, nombre, actualizado_en FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS proyectada(id, nombre, actualizado_en)
     ON CONFLICT (id) DO UPDATE SET nombre = EXCLUDED.nombre, actualizado_en = EXCLUDED.actualizado_en`,
    [...porId.keys()],
    [...porId.values()].map((row) => row.nombre),
    [...porId.values()].map((row) => row.actualizadoEn),
  );
});

/**
 * Conversiones' own projection of campaigns, from CampanaCreada on marketing.eventos: it never calls marketing. Only
 * the name is kept (it never changes after creation); a redelivered event is a no-op (inbox), a replayed one an upsert.
 */
export const onCampanaCreada: ConversionesHandler<'CampanaCreada'> = async (tx, message) => {
  const { id, nombre } = message.payload.campana;
  proyectadas.add(tx, { id, nombre, actualizadoEn: message.occurredAt });
  return { entityId: id, events: [] };
};

/** Writes the campaigns this transaction's handlers projected (the worker's beforeCommit). */
export const escribirCampanasProyectadas = (tx: ConversionesTransaction) => proyectadas.flush(tx);
