// An EXPERIMENT for bench:tracing, not a product: the tracing work the gateway does per README query, without the
// gateway around it, so that its CPU per request is measured apart from the noise of a full stack on a shared machine.
// Per request: the POST /graphql server span (traceGraphQLRequests), four subgraph fetches as the gateway's data
// source makes them (a CLIENT span each in a sampled trace, else the operation's traceparent), @apollo/gateway's own
// spans (gateway.request, plan, execute, 4 × fetch, postprocessing: the global tracer, recording nothing) and the
// response's end. Exports go to a sink in this process (OTLP/HTTP, protocol as OTEL_EXPORTER_OTLP_PROTOCOL says).
//   npx tsx bench/support/experiments/tracing-request-path.ts [on|off] [requests]
// Prints CPU µs per request; run it with `on` and `off` and compare (the difference is what tracing costs).
import { createServer } from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { context, SpanKind, trace, type Context } from '@opentelemetry/api';
import { ATTR, inSpan, recordsUnder, startTracing, traceContextOfRequest, traceGraphQLRequests, traceparentOf, tracingActive } from '@alpes/tracing';

const mode = process.argv[2] ?? 'on';
const requests = Number(process.argv[3] ?? 200_000);
const received = { requests: 0, bytes: 0 };
const sink = createServer((request, response) => {
  request.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
  request.on('end', () => ((received.requests += 1), response.writeHead(200).end()));
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
if (mode === 'on') {
  Object.assign(process.env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
    OTEL_SERVICE_NAME: 'gateway',
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: process.env.SAMPLE_RATIO ?? '0.1',
  });
}
const handle = await startTracing('gateway', { context: 'explicit' });
const middleware = traceGraphQLRequests('gateway');
const apolloTracer = trace.getTracer('@apollo/gateway', '2.x');
const SUBGRAPHS = ['afiliados', 'conversiones', 'comisiones', 'marketing'];

/** What SubgraphDataSource does around one fetch (processUncached, then willSendRequest's traceparent header). */
function fetchOf(subgraph: string, parent: Context, headers: Map<string, string>): Promise<unknown> {
  let spanTraceparent: string | undefined;
  const fetchOnce = async () => {
    const traceparent = spanTraceparent ?? traceparentOf(parent);
    if (traceparent) headers.set('traceparent', traceparent);
    return apolloTracer.startActiveSpan('gateway.fetch', (span) => (span.end(), null));
  };
  if (!tracingActive() || !recordsUnder(parent)) return fetchOnce();
  return inSpan(`fetch ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { [ATTR.subgraph]: subgraph }, parent }, (span) => {
    spanTraceparent = traceparentOf(trace.setSpan(parent, span));
    return fetchOnce();
  });
}

async function oneRequest(): Promise<void> {
  const request = { method: 'POST', headers: {}, body: { query: '{ afiliados }' } } as never;
  const response = Object.assign(new EventEmitter(), { statusCode: 200 }) as never as EventEmitter & { statusCode: number };
  await new Promise<void>((resolve) => middleware(request, response as never, () => resolve()));
  const traceContext = traceContextOfRequest(request) ?? context.active();
  await apolloTracer.startActiveSpan('gateway.request', async (requestSpan) => {
    apolloTracer.startActiveSpan('gateway.plan', (span) => span.end());
    await apolloTracer.startActiveSpan('gateway.execute', async (span) => {
      for (const subgraph of SUBGRAPHS) await fetchOf(subgraph, traceContext, new Map());
      span.end();
    });
    apolloTracer.startActiveSpan('gateway.postprocessing', (span) => span.end());
    requestSpan.end();
  });
  response.emit('close');
}

async function run(count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let index = 0; index < count; index += 1) {
    await oneRequest();
    if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve)); // timers (the batch processor) run
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

await run(requests / 4); // warm-up
const microseconds = await run(requests);
await handle?.shutdown();
sink.close();
console.log(
  `${mode}: ${microseconds.toFixed(2)} CPU µs per request over ${requests} requests; OTLP exports ${received.requests} (${(received.bytes / 1024).toFixed(0)} KiB)`,
);
