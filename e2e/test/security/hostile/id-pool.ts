// The ids and cursors of the seeded stack, read once through the gateway: the generators use them for plausible arguments.
import { send, type RawRequest } from './http.js';
import type { IdPool } from './operations.js';

export async function collectPool(gatewayUrl: string, post: (query: string) => RawRequest): Promise<IdPool> {
  const answer = await send(
    gatewayUrl,
    post(
      '{ afiliados(first: 5) { nodes { id } pageInfo { endCursor } } campanas(first: 5) { nodes { id } pageInfo { endCursor } } comisiones(first: 5) { nodes { id } pageInfo { endCursor } } conversiones(first: 5) { nodes { id } pageInfo { endCursor } } }',
    ),
  );
  const data = (JSON.parse(answer.text) as { data: Record<string, { nodes: { id: string }[]; pageInfo: { endCursor: string | null } }> }).data;
  const lists = Object.values(data);
  const ids = lists.flatMap((list) => list.nodes.map((node) => node.id));
  const cursors = lists.flatMap((list) => (list.pageInfo.endCursor ? [list.pageInfo.endCursor] : []));
  if (ids.length === 0 || cursors.length === 0) throw new Error(`the seeded stack has no data: ${answer.text}`);
  return { ids, cursors };
}
