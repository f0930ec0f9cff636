// graphql-ws limits on the gateway (gateway/src/subscriptions/websocket-transport.ts, connection-quota.ts): message
// size, subscriptions per connection, connections per client, the connection_init timeout, ping/pong, and a slow
// consumer cut off at a bounded outgoing buffer while another subscriber keeps receiving. Raw `ws` clients, so the
// test controls exactly what a client sends, reads and answers.
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOPICS, createEnvelope, serializeMessage } from '@alpes/contracts';
import { startGateway, type RunningGateway } from '@alpes/gateway';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';

const LIMITS = {
  maxPayloadBytes: 4096,
  maxSubscriptionsPerConnection: 3,
  maxConnectionsPerClient: 3,
  connectionInitTimeoutMs: 400,
  pingIntervalMs: 0,
  maxBufferedBytes: 16 * 1024,
};
const EVENTOS = `subscription { campanaCreada { eventoId ocurridoEn correlationId } }`;
// ~1.2 kB an event (20 aliases of the correlationId, no hydration), so a few thousand events overflow the kernel's buffers.
const EVENTOS_GRANDES = `subscription { campanaCreada { eventoId correlationId ${Array.from({ length: 20 }, (_, index) => `c${index}: correlationId`).join(' ')} } }`;

let stack: TestStack;
let marketing: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 2, conversiones: 2 }, gatewaySecurity: { websocketLimits: LIMITS } });
  marketing = `Bearer ${await stack.token('marketing')}`;
});
afterAll(async () => {
  sockets.forEach((socket) => socket.terminate());
  await stack?.stop();
});

interface RawClient {
  socket: WebSocket;
  messages: { id?: string; type: string; payload?: any }[];
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
  send(message: object): void;
  waitFor(what: string, matches: () => boolean, timeoutMs?: number): Promise<void>;
}

function open(url: string, options: { autoPong?: boolean } = {}): RawClient {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { autoPong: options.autoPong ?? true });
  sockets.push(socket);
  const messages: RawClient['messages'] = [];
  let isClosed = false;
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: String(reason) });
    }),
  );
  return {
    socket,
    messages,
    closed,
    isClosed: () => isClosed,
    send: (message) => socket.send(JSON.stringify(message)),
    async waitFor(what, matches, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!matches()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(messages.slice(-3))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

async function connected(url: string, authorization: string, options: { autoPong?: boolean } = {}): Promise<RawClient> {
  const client = open(url, options);
  await new Promise((resolve, reject) => {
    client.socket.once('open', resolve);
    client.socket.once('error', reject);
  });
  client.send({ type: 'connection_init', payload: { authorization } });
  await client.waitFor('connection_ack', () => client.messages.some((message) => message.type === 'connection_ack') || client.isClosed());
  return client;
}

async function campanaSnapshot() {
  const { data } = await postGraphQL(
    stack.gatewayUrl,
    `{ campanas(first: 1) { nodes { id nombre estado tipo fechaInicio fechaFin presupuesto porcentajeComision afiliados { id } } } }`,
    undefined,
    stack.admin,
  );
  const { afiliados, ...campana } = data!.campanas.nodes[0];
  return { ...campana, afiliadoIds: afiliados.map((afiliado: { id: string }) => afiliado.id) } as { id: string } & Record<string, unknown>;
}

async function publishCampanaCreada(snapshot: { id: string }): Promise<string> {
  const envelope = createEnvelope('CampanaCreada', snapshot.id, { campana: snapshot }, { correlationId: randomUUID() });
  await stack.bus.publish(TOPICS.marketingEventos, { key: envelope.key, body: serializeMessage(envelope) });
  return envelope.correlationId;
}

const nexts = (client: RawClient, id: string) => client.messages.filter((message) => message.type === 'next' && message.id === id);

describe('graphql-ws limits', () => {
  it('closes a connection that sends a message over WS_MAX_PAYLOAD_BYTES with 1009, its size and the limit', async () => {
    const client = await connected(stack.gatewayUrl, stack.admin);
    client.send({ id: '1', type: 'subscribe', payload: { query: `${EVENTOS}\n#${'x'.repeat(5000)}` } });
    const { code, reason } = await client.closed;
    expect(code).toBe(1009);
    expect(reason).toMatch(/^Message too big: 5\d{3} bytes, limit 4096$/);
  });

  it('answers the subscription over WS_MAX_SUBSCRIPTIONS_PER_CONNECTION with TOO_MANY_SUBSCRIPTIONS, and keeps the others', async () => {
    const client = await connected(stack.gatewayUrl, stack.admin);
    for (const id of ['1', '2', '3', '4']) client.send({ id, type: 'subscribe', payload: { query: EVENTOS } });
    await client.waitFor('the error of the 4th', () => client.messages.some((message) => message.type === 'error'));
    const errors = client.messages.filter((message) => message.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ id: '4', payload: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', subscriptions: 4, maxSubscriptions: 3 } }] });
    // The three others are live: an event reaches each of them.
    const snapshot = await campanaSnapshot();
    for (let tries = 0; ['1', '2', '3'].some((id) => nexts(client, id).length === 0) && tries < 100; tries += 1) {
      await publishCampanaCreada(snapshot);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(['1', '2', '3'].map((id) => nexts(client, id).length > 0)).toEqual([true, true, true]);
    client.socket.close();
    await client.closed;
  });

  it('closes a client’s connection over WS_MAX_CONNECTIONS_PER_CLIENT with 4029 (per identity), and admits it again once one closes', async () => {
    const held = [
      await connected(stack.gatewayUrl, stack.admin),
      await connected(stack.gatewayUrl, stack.admin),
      await connected(stack.gatewayUrl, stack.admin),
    ];
    const other = await connected(stack.gatewayUrl, marketing); // another identity has its own count
    expect(other.messages[0]?.type).toBe('connection_ack');
    const fourth = await connected(stack.gatewayUrl, stack.admin);
    expect(await fourth.closed).toEqual({ code: 4029, reason: 'Too many connections: 4 for this client, limit 3' });
    held[0]!.socket.close();
    await held[0]!.closed;
    const again = await connected(stack.gatewayUrl, stack.admin);
    expect(again.messages[0]?.type).toBe('connection_ack');
    for (const client of [...held.slice(1), other, again]) client.socket.close();
    await Promise.all([...held.slice(1), other, again].map((client) => client.closed));
  });

  it('closes a socket that sends no connection_init within WS_CONNECTION_INIT_TIMEOUT_MS with 4408', async () => {
    const client = open(stack.gatewayUrl);
    const startedAt = Date.now();
    expect(await client.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(350);
  });

  it('cuts off a consumer that stops reading with 4008 past WS_MAX_BUFFERED_BYTES, while another subscriber keeps receiving every event', async () => {
    const normal = await connected(stack.gatewayUrl, stack.admin);
    const slow = await connected(stack.gatewayUrl, marketing);
    normal.send({ id: 'n', type: 'subscribe', payload: { query: EVENTOS_GRANDES } });
    slow.send({ id: 's', type: 'subscribe', payload: { query: EVENTOS_GRANDES } });
    const snapshot = await campanaSnapshot();
    for (let tries = 0; (nexts(normal, 'n').length === 0 || nexts(slow, 's').length === 0) && tries < 100; tries += 1) {
      await publishCampanaCreada(snapshot);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(nexts(slow, 's').length).toBeGreaterThan(0);
    // The slow client stops reading: its TCP receive window fills, then the gateway's buffer for it grows.
    (slow.socket as unknown as { _socket: Socket })._socket.pause();
    const before = nexts(normal, 'n').length;
    const events = 6_000;
    const publishedAt = new Map<string, number>();
    for (let index = 0; index < events; index += 1) {
      const correlationId = await publishCampanaCreada(snapshot);
      publishedAt.set(correlationId, Date.now());
      if (index % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
    }
    await normal.waitFor('every event at the normal client', () => nexts(normal, 'n').length >= before + events, 30_000);
    const last = nexts(normal, 'n').at(-1)!.payload.data.campanaCreada.correlationId as string;
    const lagMs = Date.now() - publishedAt.get(last)!;
    console.log(`normal subscriber: ${events} events, the last one received ${lagMs} ms after it was published`);
    expect(lagMs).toBeLessThan(5_000);
    // The slow client reads again: what was buffered for it, then the close frame with the reason.
    (slow.socket as unknown as { _socket: Socket })._socket.resume();
    const { code, reason } = await Promise.race([
      slow.closed,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the slow consumer was not cut off (${nexts(slow, 's').length} events read)`)), 10_000),
      ),
    ]);
    expect(code).toBe(4008);
    expect(reason).toMatch(/^Slow consumer: \d+ bytes waiting to be sent, limit 16384$/);
    expect(Number(/(\d+) bytes/.exec(reason)![1])).toBeGreaterThan(16_384);
    expect(nexts(slow, 's').length).toBeLessThan(before + events);
    expect(normal.isClosed()).toBe(false);
    normal.socket.close();
  });
});

describe('graphql-ws ping/pong (WS_PING_INTERVAL_MS)', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const subgraphs = (['afiliados', 'conversiones', 'marketing'] as const).map((name) => ({ name, url: stack.urls[name] }));
    gateway = await startGateway({
      port: 0,
      supergraph: { kind: 'subgraphs', subgraphs },
      auth: stack.auth,
      bus: stack.bus,
      playground: false,
      websocketLimits: { ...LIMITS, pingIntervalMs: 200 },
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const dead = await connected(gateway.url, stack.admin, { autoPong: false });
    const alive = await connected(gateway.url, marketing);
    const { code } = await dead.closed; // terminated: no close frame
    expect(code).toBe(1006);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(alive.isClosed()).toBe(false);
    alive.socket.close();
  });
});
