import { TOPICS } from '@alpes/contracts';
import type { Bus, Consumer } from '@alpes/messaging';
import { OutboxRelay, startMessageProcessor, type TransactionalDatabase } from '@alpes/transactional-messaging';
import { asignarAfiliadoHandler } from '../campanas/asignar-afiliado/asignar-afiliado.handler.js';
import { activarCampanaHandler, finalizarCampanaHandler, pausarCampanaHandler } from '../campanas/cambiar-estado-campana/cambiar-estado-campana.handler.js';
import { crearCampanaHandler } from '../campanas/crear-campana/crear-campana.handler.js';
import { escribirCampanasNuevas } from '../campanas/crear-campana/campanas-nuevas.js';
import { escribirHistorial } from '../historial/registrar-cambio.js';
import { onAfiliadoActualizado, onAfiliadoRegistrado } from '../afiliados-proyeccion/on-afiliado-evento.js';
import { onConversionRegistrada } from '../comisiones/calcular-comision/on-conversion-registrada.js';
import {
  aprobarComisionHandler,
  pagarComisionHandler,
  rechazarComisionHandler,
} from '../comisiones/cambiar-estado-comision/cambiar-estado-comision.handler.js';
import type { MarketingPrisma } from '../infrastructure/prisma-client.js';
import type { MarketingTransaction } from './marketing-transaction.js';

export interface MarketingWorkers {
  stop(): Promise<void>;
}

/**
 * How long a message that cannot be applied yet (RetryLater, e.g. an affiliate not projected yet) is retried before
 * it is rejected: maxRetries redeliveries, redeliveryDelayMs apart (defaults: 25 × 200 ms, about 5 s).
 */
export interface RetryPolicy {
  maxRetries?: number;
  redeliveryDelayMs?: number;
}

/** The marketing worker: campaign and commission commands, commissions from conversions, the affiliate projection, the outbox relay. */
export async function startMarketingWorkers(prisma: MarketingPrisma, bus: Bus, retry: RetryPolicy = {}): Promise<MarketingWorkers> {
  const db: TransactionalDatabase<MarketingTransaction> = prisma;
  const relay = new OutboxRelay(db, bus, { service: 'marketing' });
  // the rows the handlers deferred, one statement per table for the whole transaction: new campaigns before their historial
  const beforeCommit = async (tx: MarketingTransaction) => {
    await escribirCampanasNuevas(tx);
    await escribirHistorial(tx);
  };
  const common = { service: 'marketing', bus, db, relay, beforeCommit, ...retry } as const;
  const consumers: Consumer[] = await Promise.all([
    startMessageProcessor({
      ...common,
      kind: 'commands',
      topic: TOPICS.campanasComandos,
      subscription: 'marketing-campanas',
      handlers: {
        CrearCampana: crearCampanaHandler,
        ActivarCampana: activarCampanaHandler,
        PausarCampana: pausarCampanaHandler,
        FinalizarCampana: finalizarCampanaHandler,
        AsignarAfiliado: asignarAfiliadoHandler,
      },
    }),
    startMessageProcessor({
      ...common,
      kind: 'commands',
      topic: TOPICS.comisionesComandos,
      subscription: 'marketing-comisiones',
      handlers: { AprobarComision: aprobarComisionHandler, PagarComision: pagarComisionHandler, RechazarComision: rechazarComisionHandler },
    }),
    startMessageProcessor({
      ...common,
      kind: 'events',
      topic: TOPICS.conversionesEventos,
      subscription: 'marketing-calculo-comisiones',
      handlers: { ConversionRegistrada: onConversionRegistrada },
    }),
    startMessageProcessor({
      ...common,
      kind: 'events',
      topic: TOPICS.afiliadosEventos,
      subscription: 'marketing-proyeccion-afiliados',
      handlers: { AfiliadoRegistrado: onAfiliadoRegistrado, AfiliadoActualizado: onAfiliadoActualizado },
    }),
  ]);
  relay.start();
  return {
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.close()));
      await relay.stop();
    },
  };
}
