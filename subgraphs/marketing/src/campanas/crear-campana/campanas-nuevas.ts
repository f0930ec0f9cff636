import type { PayloadOf } from '@alpes/contracts';
import { DeferredRows, fromJsonRows, rowsAsJson } from '@alpes/transactional-messaging';
import type { EstadoCampana } from '../../generated/prisma/client.js';
import type { MarketingTransaction } from '../../write/marketing-transaction.js';

/** A new campaign's columns: the command's fields as they are (dates 'YYYY-MM-DD', decimals as their strings). */
export type CampanaNueva = Omit<PayloadOf<'CrearCampana'>, 'campanaId' | 'afiliadoIds'> & { id: string; estado: EstadoCampana };

// The campaigns a worker transaction creates, and their affiliates, go to the database at the transaction's end, one
// statement per table for the whole batch, its rows in one JSON parameter (json-rows.ts): a Prisma create (or
// createMany: one placeholder per value, a query plan per batch size) cost the worker more CPU per command than anything
// else. Safe because nothing reads a new campaign inside the transaction that creates it: a batch holds one message per
// key (the campaign's id), and a failing insert (an id taken, a name too long) fails the batch, whose commands are then
// applied one by one.

// Each field's column type; a field of CrearCampana left out of it does not compile.
const COLUMNAS = {
  id: 'uuid',
  nombre: 'text',
  descripcion: 'text',
  fechaInicio: 'date',
  fechaFin: 'date',
  presupuesto: 'numeric',
  metaConversiones: 'int',
  tipo: '"TipoCampana"',
  estado: '"EstadoCampana"',
  porcentajeComision: 'numeric',
  tags: 'text[]',
} as const satisfies Record<keyof CampanaNueva, string>;

const INSERTAR_CAMPANAS_SQL = `INSERT INTO campanas (id, nombre, descripcion, fecha_inicio, fecha_fin, presupuesto, meta_conversiones, tipo, estado, porcentaje_comision, tags)
  SELECT id, nombre, descripcion, "fechaInicio", "fechaFin", presupuesto, "metaConversiones", tipo, estado, "porcentajeComision", tags
    FROM ${fromJsonRows<CampanaNueva>(1, COLUMNAS, 'nueva')}`;

interface CampanaAfiliadoNuevo {
  campanaId: string;
  afiliadoId: string;
}
const INSERTAR_AFILIADOS_SQL = `INSERT INTO campana_afiliados (campana_id, afiliado_id)
  SELECT "campanaId", "afiliadoId" FROM ${fromJsonRows<CampanaAfiliadoNuevo>(1, { campanaId: 'uuid', afiliadoId: 'uuid' }, 'asignado')}`;

const campanas = new DeferredRows<MarketingTransaction, CampanaNueva>((tx, rows) => tx.$executeRawUnsafe(INSERTAR_CAMPANAS_SQL, rowsAsJson(rows)));
const afiliados = new DeferredRows<MarketingTransaction, CampanaAfiliadoNuevo>((tx, rows) => tx.$executeRawUnsafe(INSERTAR_AFILIADOS_SQL, rowsAsJson(rows)));

/** A new campaign and its affiliates, written by escribirCampanasNuevas in the same transaction. */
export function registrarCampanaNueva(tx: MarketingTransaction, campana: CampanaNueva, afiliadoIds: readonly string[]): void {
  campanas.add(tx, campana);
  for (const afiliadoId of afiliadoIds) afiliados.add(tx, { campanaId: campana.id, afiliadoId });
}

/** Writes the campaigns this transaction's handlers created, then their affiliates (before any historial row of them). */
export async function escribirCampanasNuevas(tx: MarketingTransaction): Promise<void> {
  await campanas.flush(tx);
  await afiliados.flush(tx);
}
