import type { Envelope } from '@alpes/contracts';

type Origen = Pick<Envelope, 'actor' | 'correlationId'>;
import { newId } from '@alpes/platform';
import { DeferredRows, fromJsonRows, rowsAsJson } from '@alpes/transactional-messaging';
import type { EstadoCampana, EstadoComision } from '../generated/prisma/client.js';
import type { MarketingTransaction } from '../write/marketing-transaction.js';

/** Who caused a change and under which correlationId: from the message being applied (its actor was verified upstream). */
function origen(message: Origen) {
  return { por: message.actor?.sub ?? null, porScopes: message.actor?.scopes ?? [], correlationId: message.correlationId };
}

// Historial rows are only read by queries, never inside a worker's transaction: each worker transaction writes all of
// its own in one statement per table at its end (escribirHistorial, the marketing workers' beforeCommit), not one per
// message. Their ids (UUIDv7, taken here) keep the order of the changes; `en` is the transaction's now() either way.
// Raw INSERT … SELECT FROM the rows as one JSON parameter (json-rows.ts) whatever the batch's size (Prisma's createMany
// takes one per value and plans each batch size anew, a large share of the worker's CPU per command).
interface FilaHistorial<Estado extends string> {
  id: string;
  entidadId: string;
  estado: Estado;
  motivo: string | null;
  por: string | null;
  porScopes: string[];
  correlationId: string;
}

const historialDe = <Estado extends string>(tabla: string, columnaEntidad: string, tipoEstado: string) => {
  const columnas = { id: 'uuid', entidadId: 'uuid', estado: `"${tipoEstado}"`, motivo: 'text', por: 'text', porScopes: 'text[]', correlationId: 'uuid' };
  const sql = `INSERT INTO ${tabla} (id, ${columnaEntidad}, estado, motivo, por, por_scopes, correlation_id)
    SELECT id, "entidadId", estado, motivo, por, "porScopes", "correlationId" FROM ${fromJsonRows<FilaHistorial<Estado>>(1, columnas, 'fila')}`;
  return new DeferredRows<MarketingTransaction, FilaHistorial<Estado>>((tx, rows) => tx.$executeRawUnsafe(sql, rowsAsJson(rows)));
};
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
