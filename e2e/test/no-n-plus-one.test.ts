import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';

type Service = 'afiliados' | 'conversiones' | 'marketing';
const statements: Record<Service, string[]> = { afiliados: [], conversiones: [], marketing: [] };
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({
    seed: { afiliados: 120, conversiones: 2400 },
    onStatement: (service: Service, sql: string) => statements[service].push(sql),
  });
});
afterAll(async () => {
  await stack?.stop();
});

function resetCounts() {
  for (const list of Object.values(statements)) list.length = 0;
}

describe('no N+1: every reference and relation is batched per request with DataLoader', () => {
  it('serves 100 affiliates with their conversions (and campaigns) and commissions in at most 2 SQL statements per subgraph', async () => {
    // Warm up so connection set-up does not count, then measure one request.
    await postGraphQL(stack.gatewayUrl, '{ afiliados(first: 1) { nodes { id } } }', undefined, stack.admin);
    resetCounts();
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      `{ afiliados(first: 100) {
           totalCount
           nodes { id nombre
             conversiones(first: 3) { nodes { id valor campana { nombre } } }
             comisiones(first: 3) { totalCount nodes { monto estado } }
           } } }`,
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.afiliados.nodes).toHaveLength(100);
    expect(data!.afiliados.nodes.every((afiliado: any) => afiliado.conversiones.nodes.length === 3)).toBe(true);
    const counts = Object.fromEntries(Object.entries(statements).map(([service, list]) => [service, list.length]));
    console.log('SQL statements per subgraph for 100 affiliates:', counts);
    expect(counts.afiliados).toBeLessThanOrEqual(2);
    expect(counts.conversiones).toBeLessThanOrEqual(2);
    expect(counts.conversiones).toBeGreaterThanOrEqual(1);
    // the commissions only: conversiones provides campana { nombre } from its projection (@provides), no campaign fetch
    expect(counts.marketing).toBe(1);
  });

  it('batches commission references from three subgraphs in one statement each', async () => {
    resetCounts();
    const { errors } = await postGraphQL(
      stack.gatewayUrl,
      `{ comisiones(first: 100) { nodes { monto afiliado { nombre } campana { nombre } conversion { valor registradaEn } } } }`,
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    expect(statements.afiliados.length).toBe(1);
    expect(statements.conversiones.length).toBe(1);
    expect(statements.marketing.length).toBeLessThanOrEqual(2);
  });
});
