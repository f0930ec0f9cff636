import type { ConversionesTransaction } from '../write/conversiones-transaction.js';

/** Whether conversiones has learnt this campaign from marketing.eventos (yet). */
export async function campanaConocida(tx: ConversionesTransaction, campanaId: string): Promise<boolean> {
  return (await tx.campanaProyeccion.findUnique({ where: { id: campanaId }, select: { id: true } })) !== null;
}
