import type { Envelope } from '@alpes/contracts';

type Origen = Pick<Envelope, 'actor' | 'correlationId'>;
import { newId } from '@alpes/platform';
import { DeferredRows } from '@alpes/transactional-messaging';
import type { EstadoCampana, EstadoComision } from '../generated/prisma/client.js';
import type { MarketingTransaction } from '../write/marketing-transaction.js';

/** Who caused a change and under which correlationId: from the message being applied (its actor was verified upstream). */
function origen(message: Origen) {
  return { por: message.actor?.sub ?? null, porScopes: message.actor?.scopes ?? [], correlationId: message.correlationId };
}

// Historial rows are only read by queries, never inside a worker's transaction: each worker transaction writes all of
// its own in one statement per table at its end (escribirHistorial, the marketing workers' beforeCommit), not one per
// message. Their ids (UUIDv7, taken here) keep the order of the changes; `en` is the transaction's now() either way.
// Raw INSERT … SELECT FROM unnest: one parameter per column whatever the batch's size (Prisma's createMany takes one per
// value and plans each batch size anew, a large share of the worker's CPU per command).
interface FilaHistorial<Estado extends string> {
  id: string;
  entidadId: string;
  estado: Estado;
  motivo: string | null;
  por: string | null;
  porScopes: string[];
  correlationId: string;
}

const historialDe = <Estado extends string>(tabla: string, columnaEntidad: string, tipoEstado: string) =>
  new DeferredRows<MarketingTransaction, FilaHistorial<Estado>>((tx, rows) =>
    tx.$executeRawUnsafe(
      `INSERT INTO ${tabla} (id, ${columnaEntidad}, estado, motivo, por, por_scopes, correlation_id)
       SELECT id, entidad, estado, motivo, por, ARRAY(SELECT jsonb_array_elements_text(por_scopes)), correlation_id
         FROM unnest($1::uuid[], $2::uuid[], $3::"${tipoEstado}"[], $4::text[], $5::text[], $6::jsonb[], $7::uuid[])
           AS fila(id, entidad, estado, motivo, por, por_scopes, correlation_id)`,
      rows.map((row) => row.id),
      rows.map((row) => row.entidadId),
      rows.map((row) => row.estado),
      rows.map((row) => row.motivo),
      rows.map((row) => row.por),
      rows.map((row) => JSON.stringify(row.porScopes)),
      rows.map((row) => row.correlationId),
    ),
  );
const historialCampanas = historialDe<EstadoCampana>('campanas_historial', 'campana_id', 'EstadoCampana');
const historialComisiones = historialDe<EstadoComision>('comisiones_historial', 'comision_id', 'EstadoComision');

/** Records a commission's new estado in the same transaction as the change itself (written by escribirHistorial). */
export function registrarCambioComision(tx: MarketingTransaction, message: Origen, comisionId: string, estado: EstadoComision, motivo: string | null = null) {
  historialComisiones.add(tx, { id: newId(), entidadId: comisionId, estado, motivo, ...origen(message) });
}

/** Records a campaign's new estado in the same transaction as the change itself (written by escribirHistorial). */
export function registrarCambioCampana(tx: MarketingTransaction, message: Origen, campanaId: string, estado: EstadoCampana, motivo: string | null = null) {
  historialCampanas.add(tx, { id: newId(), entidadId: campanaId, estado, motivo, ...origen(message) });
}

/** Writes the historial rows this transaction's handlers recorded: the last step of every marketing worker transaction. */
export async function escribirHistorial(tx: MarketingTransaction): Promise<void> {
  await historialCampanas.flush(tx);
  await historialComisiones.flush(tx);
}
