import type { MessageHandler } from '@alpes/transactional-messaging';
import type { MessageType } from '@alpes/contracts';
import type { Prisma } from '../generated/prisma/client.js';

/** The conversiones database inside a worker's transaction. */
export type ConversionesTransaction = Prisma.TransactionClient;

export type ConversionesHandler<Type extends MessageType> = MessageHandler<ConversionesTransaction, Type>;
