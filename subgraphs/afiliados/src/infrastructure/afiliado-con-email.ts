import type { AfiliadosTransaction } from '../write/afiliados-transaction.js';

/** The affiliate (other than `exceptoId`) already registered with this email, if any. Emails are stored in lower case. */
export async function afiliadoConEmail(tx: AfiliadosTransaction, email: string, exceptoId?: string): Promise<{ id: string } | null> {
  return tx.afiliado.findFirst({ where: { email, ...(exceptoId ? { id: { not: exceptoId } } : {}) }, select: { id: true } });
}
