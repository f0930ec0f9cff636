// Partial data when one subgraph is down (marketing here): a query and a subscription event keep what the other
// subgraphs returned; only the fields marketing serves (a conversion's nullable `comision`) are null, each with an
// UNAVAILABLE error at its own path, as Apollo Router answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL, subscribe } from '@alpes/testing';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let afiliado: { id: string };
let campana: { id: string };

// Every test runs with marketing down: it is stopped once, here (so `-t` on any one test works).
beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 3, conversiones: 5 } });
  const { data } = await postGraphQL(stack.gatewayUrl, '{ conversiones(first: 1) { nodes { afiliado { id } campana { id } } } }', undefined, stack.admin);
  ({ afiliado, campana } = data!.conversiones.nodes[0]);
  await stack.stopService('marketing');
});
afterAll(async () => {
  await stack?.stop();
});

describe('partial data while a subgraph is down', () => {
  it('delivers what loaded and puts each error at its own path with its own code', async () => {
    // replayed from a time before the mutation (desde): no pause for the reader to open
    const registradas = subscribe(
      stack.gatewayUrl,
      'subscription ($desde: DateTime) { conversionRegistrada(desde: $desde) { conversion { id valor comision { monto } } } }',
      { desde: new Date().toISOString() },
      stack.admin,
    );

    const { data: accepted, errors } = await postGraphQL(
      stack.gatewayUrl,
      'mutation ($input: RegistrarConversionInput!) { registrarConversion(input: $input) { id } }',
      {
        input: { afiliadoId: afiliado.id, campanaId: campana.id, valor: '75.50', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'parcial' } },
      },
      stack.admin,
    );
    expect(errors).toBeUndefined();
    const conversionId = accepted!.registrarConversion.id;
    const event = await registradas.waitFor((received) => received.conversionRegistrada.conversion.id === conversionId, 20_000);
    expect(event.conversionRegistrada.conversion).toEqual({ id: conversionId, valor: '75.50', comision: null });
    const [error] = registradas.errors as { message: string; path: (string | number)[]; extensions: { code: string } }[];
    expect(error!.path).toEqual(['conversionRegistrada', 'conversion', 'comision']);
    expect(error!.extensions.code).toBe('UNAVAILABLE');
    expect(error!.message).toMatch(/marketing/);
    await registradas.dispose();
  });

  it('a query: every conversion with its own fields; each comision null with its error at its own path', async () => {
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      '{ conversiones(first: 2) { nodes { id valor comision { monto } } } }',
      undefined,
      stack.admin,
    );
    const nodes = data!.conversiones.nodes as { id: string; valor: string; comision: unknown }[];
    expect(nodes).toHaveLength(2);
    for (const node of nodes) expect(node).toEqual({ id: expect.any(String), valor: expect.any(String), comision: null });
    expect(errors!.map((error) => (error as { path?: unknown }).path)).toEqual([
      ['conversiones', 'nodes', 0, 'comision'],
      ['conversiones', 'nodes', 1, 'comision'],
    ]);
    for (const error of errors!) expect(error.extensions).toMatchObject({ code: 'UNAVAILABLE' });
    expect(JSON.stringify(errors)).toMatch(/marketing subgraph is unavailable/);
    expect(JSON.stringify(errors)).not.toMatch(/reason|ECONNREFUSED/); // the cause stays in the gateway's log
  });
});
