import type { Envelope } from '@alpes/contracts';

type Origen = Pick<Envelope, 'actor' | 'correlationId'>;
import { newId } from '@alpes/platform';
import type { EstadoCampana, EstadoComision } from '../generated/prisma/client.js';
import type { MarketingTransaction } from '../write/marketing-transaction.js';

/** Who caused a change and under which correlationId: from the message being applied (its actor was verified upstream). */
function origen(message: Origen) {
  return { por: message.actor?.sub ?? null, porScopes: message.actor?.scopes ?? [], correlationId: message.correlationId };
}

/** Records a commission's new estado in the same transaction as the change itself. */
export async function registrarCambioComision(
  tx: MarketingTransaction,
  message: Origen,
  comisionId: string,
  estado: EstadoComision,
  motivo: string | null = null,
) {
  await tx.comisionHistorial.create({ data: { id: newId(), comisionId, estado, motivo, ...origen(message) } });
}

/** Records a campaign's new estado in the same transaction as the change itself. */
export async function registrarCambioCampana(
  tx: MarketingTransaction,
  message: Origen,
  campanaId: string,
  estado: EstadoCampana,
  motivo: string | null = null,
) {
  await tx.campanaHistorial.create({ data: { id: newId(), campanaId, estado, motivo, ...origen(message) } });
}
