// npm run bench:query — req/s of one federated query through the gateway, against a baseline measured in the
// same run: the same root field sent straight to its subgraph. Not a test: it prints numbers and ratios.
// Every request is authenticated, as in production: a marketing token at the gateway (verified, ES256), the
// identity the gateway would sign at the subgraph (renewed while the run lasts: it lives 60 s).
import autocannon from 'autocannon';
import { startLocalStack } from '@alpes/local-stack';
import { ephemeralStackAuth, SubgraphIdentitySigner, type Identity } from '@alpes/security';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const SINGLE = '{ afiliados(first: 5) { nodes { id nombre email } } }';
const FEDERATED =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';

async function measure(title: string, url: string, query: string, authorization: () => string) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ setupRequest: (request) => ({ ...request, headers: { 'content-type': 'application/json', authorization: authorization() }, body: JSON.stringify({ query }) }) }],
  });
  const failures = result.errors + result.non2xx;
  console.log(`${title.padEnd(58)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   failures ${failures}`);
  return result.requests.average;
}

process.env.LOG_LEVEL ??= 'warn';
const dataDir = mkdtempSync(join(tmpdir(), 'alpes-bench-'));
chmodSync(dataDir, 0o755);
const auth = ephemeralStackAuth();
const stack = await startLocalStack({ auth, dataDir, postgresPort: 5499, ports: { gateway: 0, afiliados: 0, conversiones: 0, marketing: 0 } });
const marketing = `Bearer ${await stack.token('marketing')}`;
const signer = new SubgraphIdentitySigner(auth.subgraphIdentitySecret);
const user: Identity = { kind: 'user', sub: 'bench', scopes: new Set(['afiliados:read']), afiliadoId: null, expiresAt: new Date(Date.now() + 3_600_000) };
let subgraphIdentity = (await signer.authorizationFor(user))!;
const renew = setInterval(() => void signer.authorizationFor(user).then((header) => (subgraphIdentity = header!)), 10_000);
try {
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s each, loopback\n`);
  const direct = await measure('baseline: afiliados subgraph directly (1 subgraph)', stack.urls.afiliados, SINGLE, () => subgraphIdentity);
  const single = await measure('gateway: same query (1 subgraph)', stack.gatewayUrl, SINGLE, () => marketing);
  const federated = await measure('gateway: README query (3 subgraphs, nested)', stack.gatewayUrl, FEDERATED, () => marketing);
  console.log(`\nratios: gateway/direct (1 subgraph) ${(single / direct).toFixed(2)}   federated/single through gateway ${(federated / single).toFixed(2)}`);
} finally {
  clearInterval(renew);
  await stack.stop();
}
