import { CommandRejected } from '@alpes/transactional-messaging';
import { cambiosEfectivos } from '../domain/afiliado.js';
import { afiliadoConEmail } from '../infrastructure/afiliado-con-email.js';
import { afiliadoSnapshot } from '../infrastructure/snapshots.js';
import type { AfiliadosHandler } from '../write/afiliados-transaction.js';

/**
 * ActualizarAfiliado → the fields given change and AfiliadoActualizado carries the new state. An unknown
 * affiliate or an email another affiliate has is rejected; changing nothing completes without an event.
 */
export const actualizarAfiliadoHandler: AfiliadosHandler<'ActualizarAfiliado'> = async (tx, { payload }) => {
  const actual = await tx.afiliado.findUnique({ where: { id: payload.afiliadoId } });
  if (!actual) throw new CommandRejected(`El afiliado ${payload.afiliadoId} no existe`, payload.afiliadoId);
  const cambios = cambiosEfectivos(afiliadoSnapshot(actual), payload.cambios);
  if (Object.keys(cambios).length === 0) return { entityId: actual.id, events: [] };
  if (cambios.email !== undefined && (await afiliadoConEmail(tx, cambios.email, actual.id))) {
    throw new CommandRejected(`El email ${cambios.email} ya está registrado`, actual.id);
  }
  const afiliado = await tx.afiliado.update({ where: { id: actual.id }, data: cambios });
  return {
    entityId: afiliado.id,
    events: [{ type: 'AfiliadoActualizado', key: afiliado.id, payload: { afiliado: afiliadoSnapshot(afiliado) } }],
  };
};
