import type { PayloadOf } from '@alpes/contracts';
import type { MarketingHandler } from '../write/marketing-transaction.js';

async function proyectar(tx: Parameters<MarketingHandler<'AfiliadoRegistrado'>>[0], afiliado: PayloadOf<'AfiliadoRegistrado'>['afiliado'], at: string) {
  const data = { nombre: afiliado.nombre, comisionBase: afiliado.comisionBase, estado: afiliado.estado, actualizadoEn: new Date(at) };
  await tx.afiliadoProyeccion.upsert({ where: { id: afiliado.id }, create: { id: afiliado.id, ...data }, update: data });
  return { entityId: afiliado.id, events: [] };
}

/** Marketing's own projection of affiliates, from afiliados.eventos: it never calls the afiliados service. */
export const onAfiliadoRegistrado: MarketingHandler<'AfiliadoRegistrado'> = (tx, message) => proyectar(tx, message.payload.afiliado, message.occurredAt);
export const onAfiliadoActualizado: MarketingHandler<'AfiliadoActualizado'> = (tx, message) => proyectar(tx, message.payload.afiliado, message.occurredAt);
