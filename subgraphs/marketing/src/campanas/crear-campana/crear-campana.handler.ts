import { RetryLater } from '@alpes/transactional-messaging';
import { Decimal } from 'decimal.js';
import { registrarCambioCampana } from '../../historial/registrar-cambio.js';
import { campanaSnapshot } from '../../infrastructure/snapshots.js';
import type { MarketingHandler } from '../../write/marketing-transaction.js';
import { afiliadosDesconocidos } from '../../afiliados-proyeccion/afiliados-conocidos.js';
import { registrarCampanaNueva } from './campanas-nuevas.js';

/** CrearCampana → a campaign in DRAFT with its affiliates, and CampanaCreada. */
export const crearCampanaHandler: MarketingHandler<'CrearCampana'> = async (tx, message) => {
  const { campanaId, afiliadoIds, ...campos } = message.payload;
  const desconocidos = await afiliadosDesconocidos(tx, afiliadoIds);
  if (desconocidos.length > 0) throw new RetryLater(`Afiliados desconocidos: ${desconocidos.join(', ')}`, campanaId);
  // written at the transaction's end with the batch's other new campaigns (campanas-nuevas.ts)
  const campana = { ...campos, id: campanaId, estado: 'DRAFT' as const };
  registrarCampanaNueva(tx, campana, afiliadoIds);
  registrarCambioCampana(tx, message, campana.id, campana.estado);
  // the event says what the row holds: DECIMAL(14, 2) and DECIMAL(5, 2) round half away from zero, as Decimal does
  const guardada = {
    ...campana,
    fechaInicio: new Date(`${campos.fechaInicio}T00:00:00Z`),
    fechaFin: new Date(`${campos.fechaFin}T00:00:00Z`),
    presupuesto: new Decimal(campos.presupuesto),
    porcentajeComision: new Decimal(campos.porcentajeComision),
  };
  return {
    entityId: campana.id,
    events: [{ type: 'CampanaCreada', key: campana.id, payload: { campana: campanaSnapshot(guardada, afiliadoIds) } }],
  };
};
