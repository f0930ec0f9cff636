// A subgraph that closes an idle keep-alive connection just as the gateway writes its next request on it (the race
// behind "The marketing subgraph is unavailable" on a loaded machine): the fetcher sends the request again on a fresh
// connection, and the subgraph runs it once. Any other failure is not retried.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSubgraph } from '../src/composition/subgraph-fetcher.js';

const served = new WeakMap<Socket, number>();
let executed: string[] = [];
let dropReusedConnections = false;
let dropEveryRequest = false;

const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const socket = request.socket;
  const before = served.get(socket) ?? 0;
  served.set(socket, before + 1);
  // as a server closing an idle connection does: the request written on it is never read, never run
  if (dropEveryRequest || (dropReusedConnections && before > 0)) {
    socket.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    executed.push(body);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: { echo: body } }));
  });
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (body: string) => fetchSubgraph({ url, headers: { 'content-type': 'application/json' }, body });

describe('a pooled connection the subgraph closed under the request', () => {
  it('sends the request again on a fresh connection; the subgraph runs it once', async () => {
    executed = [];
    dropReusedConnections = false;
    expect((await post('"primera"')).status).toBe(200); // leaves a connection in the pool
    dropReusedConnections = true;
    const answer = await post('"segunda"');
    expect(JSON.parse(answer.body)).toEqual({ data: { echo: '"segunda"' } });
    expect(executed).toEqual(['"primera"', '"segunda"']);
    dropReusedConnections = false;
  });

  it('does not retry a request dropped on a fresh connection (a subgraph failing, not an idle close): the error reaches the caller', async () => {
    executed = [];
    dropEveryRequest = true;
    try {
      await expect(post('"tercera"')).rejects.toThrow();
    } finally {
      dropEveryRequest = false;
    }
    expect(executed).toEqual([]);
  });
});
