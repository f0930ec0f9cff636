// npm run bench:latency — mutation → event latency at a subscribed graphql-ws client, over N commands
// (default 1,000), on the bus chosen by BUS (memory by default). Baseline in the same run: the mutation's own
// HTTP round trip (command accepted). Not a test: prints p50/p95/p99 and the ratio.
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '@alpes/local-stack';
import { ephemeralStackAuth } from '@alpes/security';
import { subscribe } from '@alpes/testing';
import { formatPercentiles, percentiles } from './latency-stats.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 1000);
const MUTATION = `mutation ($input: CrearCampanaInput!) { crearCampana(input: $input) { id } }`;

process.env.LOG_LEVEL ??= 'warn';
const dataDir = mkdtempSync(join(tmpdir(), 'alpes-bench-'));
chmodSync(dataDir, 0o755);
const stack = await startLocalStack({
  auth: ephemeralStackAuth(),
  dataDir,
  postgresPort: 5498,
  seed: { afiliados: 5, conversiones: 10 },
  ports: { gateway: 0, afiliados: 0, conversiones: 0, marketing: 0 },
});
const authorization = `Bearer ${await stack.token('marketing')}`;
const live = subscribe<{ campanaCreada: { campana: { id: string; nombre: string } } }>(
  stack.gatewayUrl,
  'subscription { campanaCreada { eventoId campana { id nombre } } }',
  undefined,
  authorization,
);
const sentAt = new Map<string, number>();
const accepted: number[] = [];
const delivered: number[] = [];
try {
  await new Promise((resolve) => setTimeout(resolve, 300));
  let read = 0;
  const collect = () => {
    const seen = live.events;
    for (; read < seen.length; read += 1) {
      const id = seen[read]!.campanaCreada.campana.id;
      const start = sentAt.get(id);
      if (start !== undefined) delivered.push(performance.now() - start);
    }
  };
  for (let index = 0; index < COMMANDS; index += 1) {
    const start = performance.now();
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        query: MUTATION,
        variables: {
          input: {
            nombre: `Bench ${index}`,
            fechaInicio: '2026-12-01',
            fechaFin: '2026-12-31',
            presupuesto: '100.00',
            metaConversiones: 1,
            tipo: 'DIGITAL',
            porcentajeComision: '5',
          },
        },
      }),
    });
    const { data } = (await response.json()) as { data: { crearCampana: { id: string } } };
    accepted.push(performance.now() - start);
    sentAt.set(data.crearCampana.id, start);
    // One command in flight at a time: wait for its event, so latencies do not include queueing behind others.
    await live.waitFor((event) => event.campanaCreada.campana.id === data.crearCampana.id, 10_000);
    collect();
  }
  console.log(`bus: ${process.env.BUS ?? 'memory'}; ${COMMANDS} crearCampana commands, one at a time\n`);
  console.log(formatPercentiles('baseline: mutation accepted (HTTP round trip)', accepted));
  console.log(formatPercentiles('mutation → campanaCreada at the client', delivered));
  console.log(`\nratio p95 event / p95 accepted: ${(percentiles(delivered).p95 / percentiles(accepted).p95).toFixed(2)}`);
} finally {
  await live.dispose();
  await stack.stop();
}
