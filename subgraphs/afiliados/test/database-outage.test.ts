// The afiliados subgraph while its database is down: /ready answers 503 naming the database, queries answer
// UNAVAILABLE, and both recover once the database is back. The database is an embedded PostgreSQL of this test's own,
// stopped and started again on the same port and data directory (whatever TEST_POSTGRES_URL says).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, startEmbeddedPostgres, type EmbeddedPostgres } from '@alpes/database';
import { MemoryBus } from '@alpes/messaging';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { TestGatewayIdentity, postGraphQL, waitUntil } from '@alpes/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAfiliadosPrisma, startAfiliadosSubgraph } from '../src/index.js';

let dataDir: string;
let port: number;
let server: EmbeddedPostgres | undefined;
let subgraph: RunningServiceServer;
const bus = new MemoryBus();
const id = newId();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const startDatabase = () => startEmbeddedPostgres({ dataDir, port, databases: ['afiliados'] });

beforeAll(async () => {
  const parent = mkdtempSync(join(tmpdir(), 'alpes-afiliados-outage-'));
  chmodSync(parent, 0o755); // PostgreSQL runs as the postgres user when tests run as root
  dataDir = join(parent, 'data');
  port = await freePort();
  server = await startDatabase();
  const url = server.urlFor('afiliados');
  await applyMigrations({ service: 'afiliados', url });
  const prisma = createAfiliadosPrisma(url);
  await prisma.afiliado.create({ data: { id, nombre: 'Ana Gómez', email: 'ana@example.com', tipoAfiliacion: 'PREMIUM', comisionBase: '12.50' } });
  await prisma.$disconnect();
  subgraph = await startAfiliadosSubgraph({ databaseUrl: url, port: 0, bus, identity: gateway.verifier, workers: false });
});
afterAll(async () => {
  await subgraph?.close();
  await bus.close();
  await server?.stop();
  if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

const ready = async () => {
  const response = await fetch(subgraph.url.replace('/graphql', '/ready'));
  return { status: response.status, body: (await response.json()) as { service: string; ready: boolean; checks: Record<string, string> } };
};
const gateway = new TestGatewayIdentity();
const afiliado = async () => postGraphQL(subgraph.url, `{ afiliado(id: "${id}") { nombre } }`, undefined, await gateway.authorization());

describe('afiliados subgraph during a database outage', () => {
  it('answers /ready 503 and queries UNAVAILABLE while its database is down, and recovers when it is back', async () => {
    // 1. up
    expect(await ready()).toEqual({ status: 200, body: { service: 'afiliados', ready: true, checks: { database: 'ok', bus: 'ok' } } });
    expect((await afiliado()).data).toEqual({ afiliado: { nombre: 'Ana Gómez' } });

    // 2. the database goes down
    await server!.stop();
    server = undefined;
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.ready).toBe(false);
    expect(down.body.checks.bus).toBe('ok');
    expect(down.body.checks.database).not.toBe('ok');
    const { data, errors } = await afiliado();
    expect(data?.afiliado ?? null).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({ message: 'The afiliados database is unavailable; try again shortly', extensions: { code: 'UNAVAILABLE' }, path: ['afiliado'] }),
    ]);

    // 3. it comes back on the same port and data: the pool reconnects by itself
    server = await startDatabase();
    await waitUntil('the subgraph ready again', async () => (await ready()).status === 200);
    expect(await ready()).toEqual({ status: 200, body: { service: 'afiliados', ready: true, checks: { database: 'ok', bus: 'ok' } } });
    expect(await afiliado()).toEqual({ data: { afiliado: { nombre: 'Ana Gómez' } } });
  });
});
