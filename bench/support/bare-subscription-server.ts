// The baseline of bench:subscriptions: a bare graphql-ws server (the library's useServer on ws, graphql-js executing
// each subscriber's selection on each event), with no gateway, no hydration and no bus. crearCampana over HTTP POST
// builds the whole campaign in memory and pushes it at once to every subscriber's queue.
// Clients authenticate as with our gateway: jose verifies the token (ES256, AUTH_PUBLIC_KEY_FILE, issuer, audience,
// exp) once per connection (connectionParams.authorization; refused: 4403) and on each mutation (refused: HTTP 401).
// Not cached: one verification per connection or mutation, nothing per event.
import { createPublicKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { jwtVerify } from 'jose';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@alpes/security';
import { WebSocketServer } from 'ws';
import { serveIpc } from './ipc.js';

// The fields of the gateway's CampanaCreada / Campana that the bench selects, with plain scalars.
const schema = buildSchema(`
  type Campana { id: ID! nombre: String! descripcion: String fechaInicio: String! fechaFin: String! presupuesto: String!
                 metaConversiones: Int! tipo: String! estado: String! porcentajeComision: String! tags: [String!]! creadaEn: String! }
  type CampanaCreada { eventoId: ID! ocurridoEn: String! correlationId: ID! campana: Campana! }
  input CrearCampanaInput { nombre: String! descripcion: String fechaInicio: String! fechaFin: String! presupuesto: String!
                            metaConversiones: Int! tipo: String! porcentajeComision: String! tags: [String!] afiliadoIds: [ID!] }
  type ComandoAceptado { correlationId: ID! id: ID! aceptadoEn: String! }
  type Query { ok: Boolean }
  type Mutation { crearCampana(input: CrearCampanaInput!): ComandoAceptado! }
  type Subscription { campanaCreada: CampanaCreada! }
`);

/** Every open subscription's queue: an event is pushed to each (what a pub/sub does, with nothing in between). */
const subscribers = new Set<PushQueue>();

/** The smallest async iterator with a buffer: one per subscriber, returned (and dropped) when the client leaves. */
class PushQueue implements AsyncIterableIterator<{ campanaCreada: unknown }> {
  readonly #buffer: unknown[] = [];
  #waiting?: (result: IteratorResult<{ campanaCreada: unknown }>) => void;
  constructor() {
    subscribers.add(this);
  }
  push(event: unknown): void {
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ done: false, value: { campanaCreada: event } });
    } else this.#buffer.push(event);
  }
  next(): Promise<IteratorResult<{ campanaCreada: unknown }>> {
    if (this.#buffer.length > 0) return Promise.resolve({ done: false, value: { campanaCreada: this.#buffer.shift() } });
    if (!subscribers.has(this)) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.#waiting = resolve));
  }
  return(): Promise<IteratorResult<{ campanaCreada: unknown }>> {
    subscribers.delete(this);
    this.#waiting?.({ done: true, value: undefined });
    return Promise.resolve({ done: true, value: undefined });
  }
  [Symbol.asyncIterator]() {
    return this;
  }
}

const rootValue = {
  crearCampana: ({ input }: { input: Record<string, unknown> }) => {
    const now = new Date().toISOString();
    const id = randomUUID();
    const correlationId = randomUUID();
    const campana = { descripcion: null, tags: [], ...input, id, estado: 'DRAFT', creadaEn: now };
    const event = { eventoId: randomUUID(), ocurridoEn: now, correlationId, campana };
    for (const subscriber of subscribers) subscriber.push(event);
    return { correlationId, id, aceptadoEn: now };
  },
  // graphql-js calls the root field's subscribe resolver from rootValue when no field-level one is given
  campanaCreada: () => new PushQueue(),
};

if (!process.env.AUTH_PUBLIC_KEY_FILE) throw new Error('the bench passes AUTH_PUBLIC_KEY_FILE (bench-auth.ts)');
const publicKey = createPublicKey(readFileSync(process.env.AUTH_PUBLIC_KEY_FILE, 'utf8'));

/** True when `authorization` is "Bearer <a token this bench's identity provider signed, not expired>". */
async function verified(authorization: unknown): Promise<boolean> {
  const token = typeof authorization === 'string' ? /^Bearer +(\S+)$/i.exec(authorization)?.[1] : undefined;
  if (!token) return false;
  try {
    await jwtVerify(token, publicKey, { algorithms: ['ES256'], issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, requiredClaims: ['sub', 'exp'] });
    return true;
  } catch {
    return false;
  }
}

const httpServer = createServer((request, response) => {
  if (request.method !== 'POST') {
    response.writeHead(405).end();
    return;
  }
  const authenticated = verified(request.headers.authorization);
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
    void authenticated.then(async (ok) => {
      if (!ok) {
        response
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: 'Not authenticated', extensions: { code: 'UNAUTHENTICATED' } }] }));
        return;
      }
      const result = await graphql({ schema, source: query, rootValue, variableValues: variables ?? null });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
});
const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
useServer({ schema, roots: { subscription: rootValue }, onConnect: (context) => verified(context.connectionParams?.authorization) }, wsServer);
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const { port } = httpServer.address() as AddressInfo;
const gc = (globalThis as { gc?: () => void }).gc;

serveIpc({
  info: () => ({ url: `http://127.0.0.1:${port}/graphql`, pid: process.pid }),
  counters: () => {
    gc?.();
    return { rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed };
  },
  stop: () => {
    for (const socket of wsServer.clients) socket.terminate();
    httpServer.close();
    setImmediate(() => process.exit(0));
  },
});
process.send!({ ready: true });
