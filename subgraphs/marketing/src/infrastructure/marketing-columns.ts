import { selectColumns } from '@alpes/database';
import { Prisma } from '../generated/prisma/client.js';

// Every column of each model the hot reads return whole, from the generated client's field lists (a new field is
// read without an edit here); enum columns as text. The rows equal Prisma's own reads field for field (raw-rows.test.ts).
export const CAMPANA_COLUMNS = selectColumns(Prisma.CampanaScalarFieldEnum, 'c', ['tipo', 'estado']);
export const COMISION_COLUMNS = selectColumns(Prisma.ComisionScalarFieldEnum, 'c', ['estado']);
export const CAMPANA_HISTORIAL_COLUMNS = selectColumns(Prisma.CampanaHistorialScalarFieldEnum, 'h', ['estado']);
export const COMISION_HISTORIAL_COLUMNS = selectColumns(Prisma.ComisionHistorialScalarFieldEnum, 'h', ['estado']);
