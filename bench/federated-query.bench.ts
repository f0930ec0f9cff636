// npm run bench:query — req/s of one federated query through the gateway, against a baseline measured in the
// same run: the same root field sent straight to its subgraph. Not a test: it prints numbers and ratios.
import autocannon from 'autocannon';
import { startLocalStack } from '@alpes/local-stack';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const SINGLE = '{ afiliados(first: 5) { nodes { id nombre email } } }';
const FEDERATED =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';

async function measure(title: string, url: string, query: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const failures = result.errors + result.non2xx;
  console.log(`${title.padEnd(58)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   failures ${failures}`);
  return result.requests.average;
}

process.env.LOG_LEVEL ??= 'warn';
const dataDir = mkdtempSync(join(tmpdir(), 'alpes-bench-'));
chmodSync(dataDir, 0o755);
const stack = await startLocalStack({ dataDir, postgresPort: 5499, ports: { gateway: 0, afiliados: 0, conversiones: 0, marketing: 0 } });
try {
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s each, loopback\n`);
  const direct = await measure('baseline: afiliados subgraph directly (1 subgraph)', stack.urls.afiliados, SINGLE);
  const single = await measure('gateway: same query (1 subgraph)', stack.gatewayUrl, SINGLE);
  const federated = await measure('gateway: README query (3 subgraphs, nested)', stack.gatewayUrl, FEDERATED);
  console.log(`\nratios: gateway/direct (1 subgraph) ${(single / direct).toFixed(2)}   federated/single through gateway ${(federated / single).toFixed(2)}`);
} finally {
  await stack.stop();
}
