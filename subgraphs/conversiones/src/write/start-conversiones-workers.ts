import { TOPICS } from '@alpes/contracts';
import type { Bus } from '@alpes/messaging';
import { OutboxRelay, startMessageProcessor, type TransactionalDatabase } from '@alpes/transactional-messaging';
import type { ConversionesPrisma } from '../infrastructure/prisma-client.js';
import { registrarConversionHandler } from '../registrar-conversion/registrar-conversion.handler.js';
import type { ConversionesTransaction } from './conversiones-transaction.js';

export interface ConversionesWorkers {
  stop(): Promise<void>;
}

/** The conversiones worker: the commands of conversiones.comandos, and the outbox relay that publishes their events. */
export async function startConversionesWorkers(prisma: ConversionesPrisma, bus: Bus): Promise<ConversionesWorkers> {
  const db: TransactionalDatabase<ConversionesTransaction> = prisma;
  const relay = new OutboxRelay(db, bus, { service: 'conversiones' });
  const consumer = await startMessageProcessor({
    service: 'conversiones',
    bus,
    db,
    relay,
    kind: 'commands',
    topic: TOPICS.conversionesComandos,
    subscription: 'conversiones-comandos',
    handlers: { RegistrarConversion: registrarConversionHandler },
  });
  relay.start();
  return {
    async stop() {
      await consumer.close();
      await relay.stop();
    },
  };
}
