import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '@alpes/contracts';
import { SubgraphIdentitySigner } from '@alpes/security';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { subscribe, userOfRole, type LiveSubscription } from '@alpes/testing';
import { loadOperations } from '../support/operations.js';
import { until } from '../support/prometheus-text.js';

// GET /status answers an admin identity only: on the gateway a client's admin token, on a service the identity the
// gateway signs (a subgraph trusts nothing else); the gateway's /status gathers each service's.
const op = loadOperations('FlujoNegocio.graphql');
let stack: TestStack;
let marketingToken: string;
let live: LiveSubscription<any>;
const statusOf = (server: keyof TestStack['urls'], authorization?: string) =>
  fetch(new URL('/status', stack.urls[server]), { headers: authorization ? { authorization } : {} });

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 2, conversiones: 2 } });
  marketingToken = `Bearer ${await stack.token('marketing')}`;
  live = subscribe(stack.gatewayUrl, op.CampanaCreada!, {}, stack.admin);
});
afterAll(async () => {
  await live?.dispose();
  await stack?.stop();
});

describe('/status on the gateway', () => {
  it('anonymous: 401; a non-admin token: 403; a bad token: 401', async () => {
    expect((await statusOf('gateway')).status).toBe(401);
    expect((await statusOf('gateway', marketingToken)).status).toBe(403);
    expect((await statusOf('gateway', 'Bearer not-a-token')).status).toBe(401);
  });

  it('admin: the subgraphs with their own status, the schema hash, open subscriptions and bus readers', async () => {
    await until(async () => ((await (await statusOf('gateway', stack.admin)).json()) as any).subscriptions.active === 1, 5_000, 'one open subscription');
    const response = await statusOf('gateway', stack.admin);
    expect(response.status).toBe(200);
    const status = (await response.json()) as any;
    expect(status.schemaHash).toMatch(/^[0-9a-f]{64}$/);
    expect(status.subscriptions.active).toBe(1);
    expect(status.bus).toMatchObject({ connected: true });
    expect(status.bus.openReaders).toBeGreaterThanOrEqual(1);
    expect(status.subgraphs.map((subgraph: any) => subgraph.name).sort()).toEqual(['afiliados', 'conversiones', 'marketing']);
    for (const subgraph of status.subgraphs) {
      expect(subgraph.reachable).toBe(true);
      expect(subgraph.status.service).toBe(subgraph.name);
    }
    const marketing = status.subgraphs.find((subgraph: any) => subgraph.name === 'marketing').status;
    expect(marketing.outbox).toEqual({ pendingRows: 0, oldestPendingSeconds: 0 });
    expect(marketing.migrations.applied).toBeGreaterThan(0);
    expect(marketing.consumers).toContainEqual({
      topic: TOPICS.campanasComandos,
      subscription: 'marketing-campanas',
      connected: true,
      backlog: 0,
      deadLetterTopic: `${TOPICS.campanasComandos}-DLQ`,
      dlqSize: 0,
    });
    expect(marketing.consumers).toHaveLength(4);
  });
});

describe('/status on a service', () => {
  const signer = () => new SubgraphIdentitySigner(stack.auth.subgraphIdentitySecret);

  it('anonymous: 401; a client token (not signed by the gateway): 401; a gateway-signed non-admin identity: 403', async () => {
    expect((await statusOf('afiliados')).status).toBe(401);
    expect((await statusOf('afiliados', stack.admin)).status).toBe(401);
    expect((await statusOf('afiliados', await signer().authorizationFor(userOfRole('marketing')))).status).toBe(403);
  });

  it("a gateway-signed admin identity: outbox, the relay's last publish, consumers with backlog and DLQ size, migrations", async () => {
    const response = await statusOf('afiliados', await signer().authorizationFor(userOfRole('admin')));
    expect(response.status).toBe(200);
    const status = (await response.json()) as any;
    expect(status).toMatchObject({ service: 'afiliados', bus: { connected: true }, outbox: { pendingRows: 0, oldestPendingSeconds: 0 } });
    expect(status.relay).toHaveProperty('lastPublishAt');
    expect(status.consumers).toEqual([
      {
        topic: TOPICS.afiliadosComandos,
        subscription: 'afiliados-comandos',
        connected: true,
        backlog: 0,
        deadLetterTopic: `${TOPICS.afiliadosComandos}-DLQ`,
        dlqSize: 0,
      },
    ]);
    expect(status.migrations.names.length).toBe(status.migrations.applied);
  });
});
