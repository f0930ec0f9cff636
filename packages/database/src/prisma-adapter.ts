// The one way every service builds its Prisma client:
//   new PrismaClient({ adapter: createPrismaAdapter(url) })
import { PrismaPg } from '@prisma/adapter-pg';
import { toPoolConfig } from './connection-url.js';

export interface PrismaAdapterOptions {
  /** Pool size (pg's default is 10). */
  max?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted); default: ignore, pg reconnects. */
  onPoolError?: (error: Error) => void;
}

export function createPrismaAdapter(url: string, options: PrismaAdapterOptions = {}): PrismaPg {
  const pool = toPoolConfig(url, options.max === undefined ? {} : { max: options.max });
  return new PrismaPg(pool, { onPoolError: options.onPoolError ?? (() => undefined) });
}
