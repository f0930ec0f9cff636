import { RetryLater } from '@alpes/transactional-messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { registrarCambioCampana } from '../../historial/registrar-cambio.js';
import { campanaSnapshot } from '../../infrastructure/snapshots.js';
import type { MarketingHandler } from '../../write/marketing-transaction.js';
import { afiliadosDesconocidos } from '../../afiliados-proyeccion/afiliados-conocidos.js';

/** CrearCampana → a campaign in DRAFT with its affiliates, and CampanaCreada. */
export const crearCampanaHandler: MarketingHandler<'CrearCampana'> = async (tx, message) => {
  const { campanaId, afiliadoIds, fechaInicio, fechaFin, ...campos } = message.payload;
  const desconocidos = await afiliadosDesconocidos(tx, afiliadoIds);
  if (desconocidos.length > 0) throw new RetryLater(`Afiliados desconocidos: ${desconocidos.join(', ')}`, campanaId);
  // the command's other fields are the campaign's columns as they are: one the Prisma schema lacks fails here
  const columnas: Pick<Prisma.CampanaUncheckedCreateInput, keyof typeof campos> = campos;
  const campana = await tx.campana.create({
    data: { ...columnas, id: campanaId, fechaInicio: new Date(`${fechaInicio}T00:00:00Z`), fechaFin: new Date(`${fechaFin}T00:00:00Z`), estado: 'DRAFT' },
  });
  registrarCambioCampana(tx, message, campana.id, campana.estado);
  // a separate createMany (only when there are affiliates): a nested create costs Prisma twice the work per campaign
  if (afiliadoIds.length > 0) {
    await tx.campanaAfiliado.createMany({ data: afiliadoIds.map((afiliadoId) => ({ campanaId: campana.id, afiliadoId })) });
  }
  return {
    entityId: campana.id,
    events: [{ type: 'CampanaCreada', key: campana.id, payload: { campana: campanaSnapshot(campana, afiliadoIds) } }],
  };
};
