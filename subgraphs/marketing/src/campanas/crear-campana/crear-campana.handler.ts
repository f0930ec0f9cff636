import { RetryLater } from '@alpes/transactional-messaging';
import { registrarCambioCampana } from '../../historial/registrar-cambio.js';
import { campanaSnapshot } from '../../infrastructure/snapshots.js';
import type { MarketingHandler } from '../../write/marketing-transaction.js';
import { afiliadosDesconocidos } from '../../afiliados-proyeccion/afiliados-conocidos.js';

/** CrearCampana → a campaign in DRAFT with its affiliates, and CampanaCreada. */
export const crearCampanaHandler: MarketingHandler<'CrearCampana'> = async (tx, message) => {
  const { payload } = message;
  const desconocidos = await afiliadosDesconocidos(tx, payload.afiliadoIds);
  if (desconocidos.length > 0) throw new RetryLater(`Afiliados desconocidos: ${desconocidos.join(', ')}`, payload.campanaId);
  const campana = await tx.campana.create({
    data: {
      id: payload.campanaId,
      nombre: payload.nombre,
      descripcion: payload.descripcion,
      fechaInicio: new Date(`${payload.fechaInicio}T00:00:00Z`),
      fechaFin: new Date(`${payload.fechaFin}T00:00:00Z`),
      presupuesto: payload.presupuesto,
      metaConversiones: payload.metaConversiones,
      tipo: payload.tipo,
      estado: 'DRAFT',
      porcentajeComision: payload.porcentajeComision,
      tags: payload.tags,
    },
  });
  await registrarCambioCampana(tx, message, campana.id, campana.estado);
  // a separate createMany (only when there are affiliates): a nested create costs Prisma twice the work per campaign
  if (payload.afiliadoIds.length > 0) {
    await tx.campanaAfiliado.createMany({ data: payload.afiliadoIds.map((afiliadoId) => ({ campanaId: campana.id, afiliadoId })) });
  }
  return {
    entityId: campana.id,
    events: [{ type: 'CampanaCreada', key: campana.id, payload: { campana: campanaSnapshot(campana, payload.afiliadoIds) } }],
  };
};
