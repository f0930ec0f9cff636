import type { MessageHandler } from '@alpes/transactional-messaging';
import type { MessageType } from '@alpes/contracts';
import type { Prisma } from '../generated/prisma/client.js';

/** The marketing database inside a worker's transaction. */
export type MarketingTransaction = Prisma.TransactionClient;

export type MarketingHandler<Type extends MessageType> = MessageHandler<MarketingTransaction, Type>;
