import { CampanaSnapshot, ComisionSnapshot, snapshotFromRow } from '@alpes/contracts';
import type { Campana, Comision } from '../generated/prisma/client.js';

/** What a campaign's snapshot is made of: a row as Prisma reads it, or a new one before it is written (decimal.js). */
export type CampanaDelSnapshot = Pick<Campana, 'id' | 'nombre' | 'estado' | 'tipo' | 'fechaInicio' | 'fechaFin'> &
  Record<'presupuesto' | 'porcentajeComision', { toFixed(places: number): string }>;

/** The campaign as events carry it (its fields are CampanaSnapshot's in packages/contracts). */
export function campanaSnapshot(campana: CampanaDelSnapshot, afiliadoIds: string[]): CampanaSnapshot {
  return snapshotFromRow(CampanaSnapshot, { ...campana, afiliadoIds });
}

/** The commission as events carry it (its fields are ComisionSnapshot's in packages/contracts). */
export function comisionSnapshot(comision: Comision): ComisionSnapshot {
  return snapshotFromRow(ComisionSnapshot, comision);
}
