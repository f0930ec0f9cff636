import { CommandRejected } from '@alpes/transactional-messaging';
import { afiliadoSnapshot } from '../infrastructure/snapshots.js';
import type { AfiliadosHandler } from '../write/afiliados-transaction.js';
import { afiliadoConEmail } from '../infrastructure/afiliado-con-email.js';

/**
 * RegistrarAfiliado → an ACTIVO affiliate and AfiliadoRegistrado; an email already registered is rejected.
 * (Two concurrent registrations of one email: the unique index fails the second transaction, which is
 * redelivered and then rejected here.)
 */
export const registrarAfiliadoHandler: AfiliadosHandler<'RegistrarAfiliado'> = async (tx, { payload }) => {
  if (await afiliadoConEmail(tx, payload.email)) {
    throw new CommandRejected(`El email ${payload.email} ya está registrado`, payload.afiliadoId);
  }
  const afiliado = await tx.afiliado.create({
    data: {
      id: payload.afiliadoId,
      nombre: payload.nombre,
      email: payload.email,
      telefono: payload.telefono,
      tipoAfiliacion: payload.tipoAfiliacion,
      comisionBase: payload.comisionBase,
      estado: 'ACTIVO',
    },
  });
  return {
    entityId: afiliado.id,
    events: [{ type: 'AfiliadoRegistrado', key: afiliado.id, payload: { afiliado: afiliadoSnapshot(afiliado) } }],
  };
};
