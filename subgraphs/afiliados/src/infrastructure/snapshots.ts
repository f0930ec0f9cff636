import { AfiliadoSnapshot, snapshotFromRow } from '@alpes/contracts';
import type { Afiliado } from '../generated/prisma/client.js';

/** The affiliate as events carry it (its fields are AfiliadoSnapshot's in packages/contracts). */
export function afiliadoSnapshot(afiliado: Afiliado): AfiliadoSnapshot {
  return snapshotFromRow(AfiliadoSnapshot, afiliado);
}
