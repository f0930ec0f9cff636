import type { PayloadOf } from '@alpes/contracts';
import { DeferredRows } from '@alpes/transactional-messaging';
import type { EstadoCampana, Prisma } from '../../generated/prisma/client.js';
import type { MarketingTransaction } from '../../write/marketing-transaction.js';

/** A new campaign's columns: the command's fields as they are (dates 'YYYY-MM-DD', decimals as their strings). */
export type CampanaNueva = Omit<PayloadOf<'CrearCampana'>, 'campanaId' | 'afiliadoIds'> & { id: string; estado: EstadoCampana };

// The campaigns a worker transaction creates, and their affiliates, go to the database at the transaction's end, one
// statement per table for the whole batch: a Prisma create (or createMany: one placeholder per value, a query plan per
// batch size) cost the worker more CPU per command than anything else. Safe because nothing reads a new campaign inside
// the transaction that creates it: a batch holds one message per key (the campaign's id), and a failing insert (an id
// taken, a name too long) fails the batch, whose commands are then applied one by one.
const campanas = new DeferredRows<MarketingTransaction, CampanaNueva>((tx, rows) =>
  tx.$executeRawUnsafe(
    `INSERT INTO campanas (id, nombre, descripcion, fecha_inicio, fecha_fin, presupuesto, meta_conversiones, tipo, estado, porcentaje_comision, tags)
     SELECT id, nombre, descripcion, fecha_inicio, fecha_fin, presupuesto, meta_conversiones, tipo, estado, porcentaje_comision,
            ARRAY(SELECT jsonb_array_elements_text(tags))
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[], $6::numeric[], $7::int[], $8::"TipoCampana"[],
                   $9::"EstadoCampana"[], $10::numeric[], $11::jsonb[])
         AS nueva(id, nombre, descripcion, fecha_inicio, fecha_fin, presupuesto, meta_conversiones, tipo, estado, porcentaje_comision, tags)`,
    ...columnasDe(rows),
  ),
);
const afiliados = new DeferredRows<MarketingTransaction, Prisma.CampanaAfiliadoCreateManyInput>((tx, data) => tx.campanaAfiliado.createMany({ data }));

/** Each column's values, in the order of the INSERT above; a field of CrearCampana left out of it does not compile. */
function columnasDe(rows: readonly CampanaNueva[]): unknown[] {
  const columna = <Field extends keyof CampanaNueva>(field: Field) => rows.map((row) => row[field]);
  const todas = {
    id: columna('id'),
    nombre: columna('nombre'),
    descripcion: columna('descripcion'),
    fechaInicio: columna('fechaInicio'),
    fechaFin: columna('fechaFin'),
    presupuesto: columna('presupuesto'),
    metaConversiones: columna('metaConversiones'),
    tipo: columna('tipo'),
    estado: columna('estado'),
    porcentajeComision: columna('porcentajeComision'),
    tags: rows.map((row) => JSON.stringify(row.tags)),
  } satisfies Record<keyof CampanaNueva, unknown[]>;
  return Object.values(todas);
}

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
