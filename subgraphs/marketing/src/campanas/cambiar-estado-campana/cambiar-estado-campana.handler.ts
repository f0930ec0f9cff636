import { CommandRejected } from '@alpes/transactional-messaging';
import { transicionCampana, type CambioDeEstadoCampana } from '../../domain/estado-campana.js';
import { registrarCambioCampana } from '../../historial/registrar-cambio.js';
import { campanaSnapshot } from '../../infrastructure/snapshots.js';
import type { MarketingHandler } from '../../write/marketing-transaction.js';

const EVENTO = { ActivarCampana: 'CampanaActivada', PausarCampana: 'CampanaPausada', FinalizarCampana: 'CampanaFinalizada' } as const;

/** Activar / Pausar / Finalizar: apply the campaign state machine, or reject with the reason. */
function cambiarEstado<Cambio extends CambioDeEstadoCampana>(cambio: Cambio): MarketingHandler<Cambio> {
  return async (tx, message) => {
    const { payload } = message;
    const actual = await tx.campana.findUnique({ where: { id: payload.campanaId }, include: { afiliados: { select: { afiliadoId: true } } } });
    if (!actual) throw new CommandRejected(`La campaña ${payload.campanaId} no existe`, payload.campanaId);
    const resultado = transicionCampana(actual.estado, cambio);
    if ('motivo' in resultado) throw new CommandRejected(resultado.motivo, actual.id);
    const campana = await tx.campana.update({ where: { id: actual.id }, data: { estado: resultado.estado } });
    registrarCambioCampana(tx, message, campana.id, campana.estado);
    const afiliadoIds = actual.afiliados.map((asignacion) => asignacion.afiliadoId);
    return { entityId: campana.id, events: [{ type: EVENTO[cambio], key: campana.id, payload: { campana: campanaSnapshot(campana, afiliadoIds) } }] };
  };
}

export const activarCampanaHandler = cambiarEstado('ActivarCampana');
export const pausarCampanaHandler = cambiarEstado('PausarCampana');
export const finalizarCampanaHandler = cambiarEstado('FinalizarCampana');
