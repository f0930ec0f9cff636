import type { Envelope } from '@alpes/contracts';

type Origen = Pick<Envelope, 'actor' | 'correlationId'>;
import { newId } from '@alpes/platform';
import { DeferredRows } from '@alpes/transactional-messaging';
import type { EstadoCampana, EstadoComision, Prisma } from '../generated/prisma/client.js';
import type { MarketingTransaction } from '../write/marketing-transaction.js';

/** Who caused a change and under which correlationId: from the message being applied (its actor was verified upstream). */
function origen(message: Origen) {
  return { por: message.actor?.sub ?? null, porScopes: message.actor?.scopes ?? [], correlationId: message.correlationId };
}

// Historial rows are only read by queries, never inside a worker's transaction: each worker transaction writes all of
// its own in one statement per table at its end (escribirHistorial, the marketing workers' beforeCommit), not one per
// message. Their ids (UUIDv7, taken here) keep the order of the changes; `en` is the transaction's now() either way.
const historialCampanas = new DeferredRows<MarketingTransaction, Prisma.CampanaHistorialCreateManyInput>((tx, data) =>
  tx.campanaHistorial.createMany({ data }),
);
const historialComisiones = new DeferredRows<MarketingTransaction, Prisma.ComisionHistorialCreateManyInput>((tx, data) =>
  tx.comisionHistorial.createMany({ data }),
);

/** Records a commission's new estado in the same transaction as the change itself (written by escribirHistorial). */
export function registrarCambioComision(tx: MarketingTransaction, message: Origen, comisionId: string, estado: EstadoComision, motivo: string | null = null) {
  historialComisiones.add(tx, { id: newId(), comisionId, estado, motivo, ...origen(message) });
}

/** Records a campaign's new estado in the same transaction as the change itself (written by escribirHistorial). */
export function registrarCambioCampana(tx: MarketingTransaction, message: Origen, campanaId: string, estado: EstadoCampana, motivo: string | null = null) {
  historialCampanas.add(tx, { id: newId(), campanaId, estado, motivo, ...origen(message) });
}

/** Writes the historial rows this transaction's handlers recorded: the last step of every marketing worker transaction. */
export async function escribirHistorial(tx: MarketingTransaction): Promise<void> {
  await historialCampanas.flush(tx);
  await historialComisiones.flush(tx);
}
