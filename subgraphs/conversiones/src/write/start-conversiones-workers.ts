import { TOPICS } from '@alpes/contracts';
import type { Bus } from '@alpes/messaging';
import { OutboxRelay, startMessageProcessor, type TransactionalDatabase } from '@alpes/transactional-messaging';
import { escribirCampanasProyectadas, onCampanaCreada } from '../campanas-proyeccion/on-campana-creada.js';
import type { ConversionesPrisma } from '../infrastructure/prisma-client.js';
import { registrarConversionHandler } from '../registrar-conversion/registrar-conversion.handler.js';
import type { ConversionesTransaction } from './conversiones-transaction.js';

export interface ConversionesWorkers {
  stop(): Promise<void>;
}

/**
 * The conversiones worker: the commands of conversiones.comandos, the campaign projection (CampanaCreada from
 * marketing.eventos) and the outbox relay that publishes their events.
 */
export async function startConversionesWorkers(prisma: ConversionesPrisma, bus: Bus): Promise<ConversionesWorkers> {
  const db: TransactionalDatabase<ConversionesTransaction> = prisma;
  const relay = new OutboxRelay(db, bus, { service: 'conversiones' });
  const common = { service: 'conversiones', bus, db, relay } as const;
  const consumers = await Promise.all([
    startMessageProcessor({
      ...common,
      kind: 'commands',
      topic: TOPICS.conversionesComandos,
      subscription: 'conversiones-comandos',
      handlers: { RegistrarConversion: registrarConversionHandler },
    }),
    startMessageProcessor({
      ...common,
      kind: 'events',
      topic: TOPICS.marketingEventos,
      subscription: 'conversiones-proyeccion-campanas',
      // one CampanaCreada per campaign, applied as an upsert of a name that never changes: no order to keep (and
      // marketing.eventos is batched), and applying a copy again changes nothing, so no inbox row per event
      subscriptionMode: 'shared',
      idempotentHandlers: true,
      handlers: { CampanaCreada: onCampanaCreada },
      beforeCommit: escribirCampanasProyectadas,
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
