import type { MessageHandler } from '@alpes/transactional-messaging';
import type { MessageType } from '@alpes/contracts';
import type { Prisma } from '../generated/prisma/client.js';

/** The afiliados database inside a worker's transaction. */
export type AfiliadosTransaction = Prisma.TransactionClient;

export type AfiliadosHandler<Type extends MessageType> = MessageHandler<AfiliadosTransaction, Type>;
