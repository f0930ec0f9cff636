import DataLoader from 'dataloader';
import type { AfiliadosPrisma } from '../infrastructure/prisma-client.js';
import type { Afiliado } from '../generated/prisma/client.js';

/** Per-request batching: every Afiliado reference in one request is one SQL statement. */
export function createAfiliadoLoaders(prisma: AfiliadosPrisma) {
  return {
    afiliadoById: new DataLoader<string, Afiliado | null>(async (ids) => {
      const rows = await prisma.afiliado.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type AfiliadoLoaders = ReturnType<typeof createAfiliadoLoaders>;
