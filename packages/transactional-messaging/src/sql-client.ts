/**
 * What the inbox, outbox and relay need from a service's Prisma client: raw SQL and interactive
 * transactions. Every generated PrismaClient fits, whatever its models; the tables are the same in
 * every service database (inbox_messages, outbox_messages).
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

export interface TransactionalDatabase<Tx extends SqlExecutor = SqlExecutor> extends SqlExecutor {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}
