import { DeferredRows } from '@alpes/transactional-messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import type { MarketingTransaction } from '../../write/marketing-transaction.js';

// The campaigns a worker transaction creates, and their affiliates, go to the database at the transaction's end, one
// statement per table for the whole batch (not a Prisma create per command, the worker's largest CPU cost per command).
// Safe because nothing reads a new campaign inside the transaction that creates it: a batch holds one message per key
// (the campaign's id), and a failing insert (an id taken) fails the batch, whose commands are then applied one by one.
const campanas = new DeferredRows<MarketingTransaction, Prisma.CampanaCreateManyInput>((tx, data) => tx.campana.createMany({ data }));
const afiliados = new DeferredRows<MarketingTransaction, Prisma.CampanaAfiliadoCreateManyInput>((tx, data) => tx.campanaAfiliado.createMany({ data }));

/** A new campaign and its affiliates, written by escribirCampanasNuevas in the same transaction. */
export function registrarCampanaNueva(tx: MarketingTransaction, campana: Prisma.CampanaCreateManyInput, afiliadoIds: readonly string[]): void {
  campanas.add(tx, campana);
  for (const afiliadoId of afiliadoIds) afiliados.add(tx, { campanaId: campana.id, afiliadoId });
}

/** Writes the campaigns this transaction's handlers created, then their affiliates (before any historial row of them). */
export async function escribirCampanasNuevas(tx: MarketingTransaction): Promise<void> {
  await campanas.flush(tx);
  await afiliados.flush(tx);
}
