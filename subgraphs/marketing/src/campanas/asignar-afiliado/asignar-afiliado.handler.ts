import { CommandRejected, RetryLater } from '@alpes/transactional-messaging';
import { afiliadosDesconocidos } from '../../afiliados-proyeccion/afiliados-conocidos.js';
import { campanaSnapshot } from '../../infrastructure/snapshots.js';
import type { MarketingHandler } from '../../write/marketing-transaction.js';

/** AsignarAfiliado → the affiliate joins the campaign (AfiliadoAsignado); assigning twice changes nothing. */
export const asignarAfiliadoHandler: MarketingHandler<'AsignarAfiliado'> = async (tx, { payload }) => {
  const campana = await tx.campana.findUnique({ where: { id: payload.campanaId }, include: { afiliados: { select: { afiliadoId: true } } } });
  if (!campana) throw new CommandRejected(`La campaña ${payload.campanaId} no existe`, payload.campanaId);
  if (campana.estado === 'COMPLETED') throw new CommandRejected('No se asignan afiliados a una campaña finalizada', campana.id);
  if ((await afiliadosDesconocidos(tx, [payload.afiliadoId])).length > 0) throw new RetryLater(`Afiliado desconocido: ${payload.afiliadoId}`, campana.id);
  const afiliadoIds = campana.afiliados.map((asignacion) => asignacion.afiliadoId);
  if (afiliadoIds.includes(payload.afiliadoId)) return { entityId: campana.id, events: [] };
  await tx.campanaAfiliado.create({ data: { campanaId: campana.id, afiliadoId: payload.afiliadoId } });
  const snapshot = campanaSnapshot(campana, [...afiliadoIds, payload.afiliadoId]);
  return { entityId: campana.id, events: [{ type: 'AfiliadoAsignado', key: campana.id, payload: { campana: snapshot, afiliadoId: payload.afiliadoId } }] };
};
