import { ConversionSnapshot, snapshotFromRow } from '@alpes/contracts';
import type { Conversion } from '../generated/prisma/client.js';

/** The conversion as events carry it (its fields are ConversionSnapshot's in packages/contracts). */
export function conversionSnapshot(conversion: Conversion): ConversionSnapshot {
  return snapshotFromRow(ConversionSnapshot, conversion);
}
