import { CampanaSnapshot, ComisionSnapshot, snapshotFromRow } from '@alpes/contracts';
import type { Campana, Comision } from '../generated/prisma/client.js';

/** The campaign as events carry it (its fields are CampanaSnapshot's in packages/contracts). */
export function campanaSnapshot(campana: Campana, afiliadoIds: string[]): CampanaSnapshot {
  return snapshotFromRow(CampanaSnapshot, { ...campana, afiliadoIds });
}

/** The commission as events carry it (its fields are ComisionSnapshot's in packages/contracts). */
export function comisionSnapshot(comision: Comision): ComisionSnapshot {
  return snapshotFromRow(ComisionSnapshot, comision);
}
