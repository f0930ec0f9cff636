import { CommandRejected } from '@alpes/transactional-messaging';
import { transicionComision } from '../../domain/estado-comision.js';
import { registrarCambioComision } from '../../historial/registrar-cambio.js';
import { comisionSnapshot } from '../../infrastructure/snapshots.js';
import type { MarketingHandler } from '../../write/marketing-transaction.js';

async function cargar(tx: Parameters<MarketingHandler<'AprobarComision'>>[0], comisionId: string) {
  const comision = await tx.comision.findUnique({ where: { id: comisionId } });
  if (!comision) throw new CommandRejected(`La comisión ${comisionId} no existe`, comisionId);
  return comision;
}

export const aprobarComisionHandler: MarketingHandler<'AprobarComision'> = async (tx, message) => {
  const { payload } = message;
  const actual = await cargar(tx, payload.comisionId);
  const resultado = transicionComision(actual.estado, 'AprobarComision');
  if ('motivo' in resultado) throw new CommandRejected(resultado.motivo, actual.id);
  const comision = await tx.comision.update({ where: { id: actual.id }, data: { estado: resultado.estado, aprobadaEn: new Date() } });
  registrarCambioComision(tx, message, comision.id, comision.estado);
  return { entityId: comision.id, events: [{ type: 'ComisionAprobada', key: comision.id, payload: { comision: comisionSnapshot(comision) } }] };
};

export const pagarComisionHandler: MarketingHandler<'PagarComision'> = async (tx, message) => {
  const { payload } = message;
  const actual = await cargar(tx, payload.comisionId);
  const resultado = transicionComision(actual.estado, 'PagarComision');
  if ('motivo' in resultado) throw new CommandRejected(resultado.motivo, actual.id);
  const comision = await tx.comision.update({ where: { id: actual.id }, data: { estado: resultado.estado, pagadaEn: new Date() } });
  registrarCambioComision(tx, message, comision.id, comision.estado);
  return { entityId: comision.id, events: [{ type: 'ComisionPagada', key: comision.id, payload: { comision: comisionSnapshot(comision) } }] };
};

export const rechazarComisionHandler: MarketingHandler<'RechazarComision'> = async (tx, message) => {
  const { payload } = message;
  const actual = await cargar(tx, payload.comisionId);
  const resultado = transicionComision(actual.estado, 'RechazarComision');
  if ('motivo' in resultado) throw new CommandRejected(resultado.motivo, actual.id);
  const comision = await tx.comision.update({ where: { id: actual.id }, data: { estado: resultado.estado, motivo: payload.motivo } });
  registrarCambioComision(tx, message, comision.id, comision.estado, payload.motivo);
  return { entityId: comision.id, events: [{ type: 'ComisionRechazada', key: comision.id, payload: { comision: comisionSnapshot(comision) } }] };
};
