import { selectColumns } from '@alpes/database';
import { indexByKey } from '@alpes/platform';
import DataLoader from 'dataloader';
import { Prisma, type Afiliado } from '../generated/prisma/client.js';
import type { AfiliadosDatabase } from '../infrastructure/prisma-client.js';

const BY_IDS = `SELECT ${selectColumns(Prisma.AfiliadoScalarFieldEnum, 'a', ['tipoAfiliacion', 'estado'])} FROM afiliados a WHERE a.id = ANY($1::uuid[])`;

/** Per-request batching: every Afiliado reference in one request is one SQL statement. */
export function createAfiliadoLoaders(database: AfiliadosDatabase) {
  return {
    afiliadoById: new DataLoader<string, Afiliado | null>(async (ids) => indexByKey(ids, await database.reads.rows<Afiliado>(BY_IDS, [ids]), (row) => row.id)),
  };
}

export type AfiliadoLoaders = ReturnType<typeof createAfiliadoLoaders>;
