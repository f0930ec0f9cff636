import type { MarketingTransaction } from '../write/marketing-transaction.js';

/** Affiliate ids marketing has not learnt from afiliados.eventos (yet). */
export async function afiliadosDesconocidos(tx: MarketingTransaction, afiliadoIds: string[]): Promise<string[]> {
  if (afiliadoIds.length === 0) return [];
  const conocidos = await tx.afiliadoProyeccion.findMany({ where: { id: { in: afiliadoIds } }, select: { id: true } });
  const ids = new Set(conocidos.map((afiliado) => afiliado.id));
  return afiliadoIds.filter((id) => !ids.has(id));
}
