// SUBGRAPH_BATCHING through the real gateway and subgraphs: concurrent README queries whose reads wait for the one
// request in flight (SUBGRAPH_MAX_IN_FLIGHT=1) go as merged requests, identical reads of a merged request go once, and
// every client still gets exactly the answer it gets alone; with batching off every read is its own request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigSchema, gatewaySettingsOf } from '@alpes/gateway';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';
import { parsePrometheusText } from './support/prometheus-text.js';

const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';
const CONCURRENT = 12;

/**
 * subgraph_fetch_batch_size's requests (count) and reads (sum), and subgraph_fetch_shared_reads_total (identical reads
 * of a request that went once), all subgraphs together.
 */
async function batchSizes(gatewayUrl: string): Promise<{ requests: number; reads: number; shared: number }> {
  const families = parsePrometheusText(await (await fetch(new URL('/metrics', gatewayUrl))).text());
  const samples = [...(families.get('subgraph_fetch_batch_size')?.samples ?? []), ...(families.get('subgraph_fetch_shared_reads_total')?.samples ?? [])];
  const total = (name: string) => samples.filter((sample) => sample.name === name).reduce((sum, sample) => sum + sample.value, 0);
  return {
    requests: total('subgraph_fetch_batch_size_count'),
    reads: total('subgraph_fetch_batch_size_sum'),
    shared: total('subgraph_fetch_shared_reads_total'),
  };
}

describe.each([
  { batching: 'true', merges: true },
  { batching: 'false', merges: false },
])('SUBGRAPH_BATCHING=$batching', ({ batching, merges }) => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeAll(async () => {
    const { subgraphBatching } = gatewaySettingsOf(gatewayConfigSchema.parse({ SUBGRAPH_BATCHING: batching, SUBGRAPH_MAX_IN_FLIGHT: '1' }));
    stack = await startTestStack({
      seed: { afiliados: 8, conversiones: 30 },
      gateway: { subgraphBatching: subgraphBatching ?? false },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it(`answers ${CONCURRENT} concurrent README queries exactly as one alone${merges ? ', in fewer subgraph requests than reads' : ''}`, async () => {
    const alone = await postGraphQL(stack.gatewayUrl, README_QUERY, undefined, stack.admin);
    expect(alone.errors).toBeUndefined();
    const before = await batchSizes(stack.gatewayUrl);
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => postGraphQL(stack.gatewayUrl, README_QUERY, undefined, stack.admin)));
    for (const answer of answers) expect(answer).toEqual(alone);
    const after = await batchSizes(stack.gatewayUrl);
    const requests = after.requests - before.requests;
    const reads = after.reads - before.reads;
    if (merges) {
      expect(reads).toBe(CONCURRENT * 3); // the README query's 3 fetches per operation (conversiones provides the campaign name)
      expect(requests).toBeLessThan(reads);
      // the same query from every client: the identical reads of a merged request went once, and each client still
      // got exactly the answer it gets alone (above)
      expect(after.shared - before.shared).toBeGreaterThan(0);
    } else {
      expect(requests).toBe(0); // no batching: nothing goes through it
      expect(after.shared - before.shared).toBe(0);
    }
  });
});
