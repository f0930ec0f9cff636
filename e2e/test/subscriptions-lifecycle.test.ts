import { randomUUID } from 'node:crypto';
import { TOPICS, createEnvelope, serializeMessage } from '@alpes/contracts';
import { startGateway } from '@alpes/gateway';
import { MemoryBus } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { ReaderCountingBus, openSubscriptionClient, postGraphQL, waitUntil, type SubscriptionClient } from '@alpes/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let bus: ReaderCountingBus;
const clients: SubscriptionClient[] = [];

beforeAll(async () => {
  bus = new ReaderCountingBus(new MemoryBus());
  stack = await startTestStack({ bus, seed: { afiliados: 5, conversiones: 20 } });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack?.stop();
  await bus?.close();
});

function client(url = stack.gatewayUrl): SubscriptionClient {
  const opened = openSubscriptionClient(url, stack.admin);
  clients.push(opened);
  return opened;
}

/** A campaign event for a seeded campaign, published until `ready` holds (a live reader only sees what follows it). */
async function publishCampanaEventsUntil(ready: () => boolean): Promise<void> {
  const { data } = await postGraphQL(
    stack.gatewayUrl,
    `{ campanas(first: 1) { nodes { id nombre estado tipo fechaInicio fechaFin presupuesto porcentajeComision afiliados { id } } } }`,
    undefined,
    stack.admin,
  );
  const { afiliados, ...campana } = data!.campanas.nodes[0];
  const snapshot = { ...campana, afiliadoIds: afiliados.map((afiliado: { id: string }) => afiliado.id) };
  for (let tries = 0; !ready(); tries += 1) {
    if (tries > 200) throw new Error('no subscription went live');
    const envelope = createEnvelope('CampanaPausada', campana.id, { campana: snapshot }, { correlationId: randomUUID() });
    await bus.publish(TOPICS.marketingEventos, { key: envelope.key, body: serializeMessage(envelope) });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the graphql-ws server on the gateway', () => {
  it('keeps one reader per topic per gateway instance, and says 1001 Going Away to its clients when it stops', async () => {
    const subgraphs = (['afiliados', 'conversiones', 'marketing'] as const).map((name) => ({ name, url: stack.urls[name] }));
    const second = await startGateway({ port: 0, supergraph: { kind: 'subgraphs', subgraphs }, auth: stack.auth, bus });
    try {
      const onFirst = client().subscribe(`subscription { campanaActualizada { tipo campana { nombre } } }`);
      const secondClient = client(second.url);
      const onSecond = secondClient.subscribe(`subscription { campanaActualizada { tipo campana { id } } }`);
      await publishCampanaEventsUntil(() => onFirst.results.length > 0 && onSecond.results.length > 0);
      expect(onFirst.results[0]!.data!.campanaActualizada).toMatchObject({ tipo: 'CampanaPausada', campana: { nombre: expect.any(String) } });
      expect(bus.openReaders(TOPICS.marketingEventos)).toBe(2);
      expect(second.subscriptions!.activeBusReaders()).toBe(1);

      await second.close();
      await waitUntil('secondClient.closeCodes.length > 0', () => secondClient.closeCodes.length > 0);
      expect(secondClient.closeCodes).toEqual([1001]);
      expect(onSecond.error).toMatchObject({ code: 1001 });
      expect(second.subscriptions!.activeBusReaders()).toBe(0);
      expect(bus.openReaders(TOPICS.marketingEventos)).toBe(1);
      expect(bus.openReaders(TOPICS.resultadosComandos)).toBe(1); // the first gateway's command tracker only
    } finally {
      await second.close();
    }
  });

  it('refuses a subscription sent over HTTP POST with 400 BAD_REQUEST, saying to use graphql-ws at /graphql', async () => {
    const post = async (body: Record<string, unknown>) => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: stack.admin },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };
    };
    const refusal = {
      status: 400,
      body: { errors: [{ message: expect.stringMatching(/subscriptions need a websocket \(graphql-ws\) at \/graphql/), extensions: { code: 'BAD_REQUEST' } }] },
    };
    expect(await post({ query: 'subscription { campanaCreada { eventoId } }' })).toEqual(refusal);
    const both = 'query Q { __typename } subscription S { comisionCalculada { eventoId } }';
    expect(await post({ query: both, operationName: 'S' })).toEqual(refusal);
    // the query of the same document still runs over POST
    expect(await post({ query: both, operationName: 'Q' })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('runs queries sent over the socket through Apollo, like HTTP', async () => {
    const query = client().subscribe(`query ($first: Int) { afiliados(first: $first) { nodes { nombre } } }`, { first: 2 });
    await waitUntil('query.completed', () => query.completed);
    expect(query.results[0]!.data!.afiliados.nodes).toHaveLength(2);
    const refused = client().subscribe(`{ afiliados(first: 1000) { totalCount } }`);
    await waitUntil('refused.completed', () => refused.completed);
    expect(refused.results[0]!.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
