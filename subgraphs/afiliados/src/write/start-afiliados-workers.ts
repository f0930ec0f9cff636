import { TOPICS } from '@alpes/contracts';
import type { Bus } from '@alpes/messaging';
import { OutboxRelay, startMessageProcessor, type TransactionalDatabase } from '@alpes/transactional-messaging';
import { actualizarAfiliadoHandler } from '../actualizar-afiliado/actualizar-afiliado.handler.js';
import type { AfiliadosPrisma } from '../infrastructure/prisma-client.js';
import { registrarAfiliadoHandler } from '../registrar-afiliado/registrar-afiliado.handler.js';
import type { AfiliadosTransaction } from './afiliados-transaction.js';

export interface AfiliadosWorkers {
  stop(): Promise<void>;
}

/** The afiliados worker: the affiliate commands of afiliados.comandos, and the outbox relay that publishes their events. */
export async function startAfiliadosWorkers(prisma: AfiliadosPrisma, bus: Bus): Promise<AfiliadosWorkers> {
  const db: TransactionalDatabase<AfiliadosTransaction> = prisma;
  const relay = new OutboxRelay(db, bus, { service: 'afiliados' });
  const consumer = await startMessageProcessor({
    service: 'afiliados',
    bus,
    db,
    relay,
    kind: 'commands',
    topic: TOPICS.afiliadosComandos,
    subscription: 'afiliados-comandos',
    handlers: { RegistrarAfiliado: registrarAfiliadoHandler, ActualizarAfiliado: actualizarAfiliadoHandler },
  });
  relay.start();
  return {
    async stop() {
      await consumer.close();
      await relay.stop();
    },
  };
}
