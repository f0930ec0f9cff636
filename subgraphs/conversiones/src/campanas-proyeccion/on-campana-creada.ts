import { DeferredRows, fromJsonRows, rowsAsJson } from '@alpes/transactional-messaging';
import type { ConversionesHandler, ConversionesTransaction } from '../write/conversiones-transaction.js';

interface CampanaProyectada {
  id: string;
  nombre: string;
  actualizadoEn: string;
}

const UPSERT_SQL = `INSERT INTO campanas_proyeccion (id, nombre, actualizado_en)
  SELECT id, nombre, "actualizadoEn" FROM ${fromJsonRows<CampanaProyectada>(1, { id: 'uuid', nombre: 'text', actualizadoEn: 'timestamptz' }, 'proyectada')}
  ON CONFLICT (id) DO UPDATE SET nombre = EXCLUDED.nombre, actualizado_en = EXCLUDED.actualizado_en`;

// The campaigns a worker transaction projects go to the database at its end, one statement for the whole batch (a
// Prisma upsert per event measured up to a quarter less crearCampana throughput in bench:pulsar). A copy of one
// campaign's event twice in a batch keeps the last (ON CONFLICT cannot touch a row twice in one statement).
const proyectadas = new DeferredRows<ConversionesTransaction, CampanaProyectada>((tx, rows) => {
  const porId = new Map(rows.map((row) => [row.id, row]));
  return tx.$executeRawUnsafe(UPSERT_SQL, rowsAsJson([...porId.values()]));
});

/**
 * Conversiones' own projection of campaigns, from CampanaCreada on marketing.eventos: it never calls marketing. Only
 * the name is kept (it never changes after creation), so a redelivered or replayed event writes the same row again
 * (no inbox row: the worker's idempotentHandlers).
 */
export const onCampanaCreada: ConversionesHandler<'CampanaCreada'> = async (tx, message) => {
  const { id, nombre } = message.payload.campana;
  proyectadas.add(tx, { id, nombre, actualizadoEn: message.occurredAt });
  return { entityId: id, events: [] };
};

/** Writes the campaigns this transaction's handlers projected (the worker's beforeCommit). */
export const escribirCampanasProyectadas = (tx: ConversionesTransaction) => proyectadas.flush(tx);
