import { badUserInput } from './errors.js';
import { parseId } from '../ids.js';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page request: keyset pagination on UUIDv7 primary keys. */
export interface Page {
  take: number;
  afterId?: string;
}

export interface Connection<Node> {
  nodes: Node[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  /** Called by GraphQL only when a client selects totalCount, so unselected counts cost no SQL. */
  totalCount: () => Promise<number> | number;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`id:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('id:')) throw badUserInput(`after is not a cursor returned by this API: "${cursor}"`, 'after');
  return parseId(decoded.slice(3), 'after');
}

export function parsePage({ first, after }: PageArgs, defaultSize = 20): Page {
  const take = first ?? defaultSize;
  if (!Number.isInteger(take) || take < 0 || take > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${take}`, 'first');
  }
  return after ? { take, afterId: decodeCursor(after) } : { take };
}

/** Builds a connection from rows fetched with take + 1 (the extra row tells whether a next page exists). */
export function toConnection<Node extends { id: string }>(rowsPlusOne: Node[], page: Page, totalCount: () => Promise<number> | number): Connection<Node> {
  const nodes = rowsPlusOne.slice(0, page.take);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: { endCursor: last ? encodeCursor(last.id) : null, hasNextPage: rowsPlusOne.length > page.take },
    totalCount,
  };
}
