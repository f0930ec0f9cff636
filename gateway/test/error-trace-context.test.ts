// The gateway runs with a synchronous context manager (no AsyncLocalStorage), so after a request's first await no
// trace context is active. The log lines its error formatter writes must still carry the request's trace_id/span_id.
import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setTracingActive, SynchronousContextManager, traceLogFields } from '@alpes/observability';
import { ANONYMOUS } from '@alpes/security';
import type { GatewayContext } from '../src/plugins/authentication.js';
import { createGatewayErrorFormatter } from '../src/plugins/error-shaping.js';
import { errorTraceContextPlugin } from '../src/plugins/error-trace-context.js';

const provider = new BasicTracerProvider();
beforeAll(() => {
  context.setGlobalContextManager(new SynchronousContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  setTracingActive(true);
});
afterAll(async () => {
  setTracingActive(false);
  context.disable();
  trace.disable();
  await provider.shutdown();
});

/** A gateway-shaped server whose only field fails as an unreachable subgraph does, after an await. */
async function unavailableAfterAwait(withPlugin: boolean) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
  const logger = pino({ level: 'info', mixin: traceLogFields }, sink);
  const server = new ApolloServer<GatewayContext>({
    typeDefs: 'type Query { campanas: Int }',
    resolvers: {
      Query: {
        campanas: async () => {
          await new Promise((resolve) => setImmediate(resolve));
          throw new GraphQLError('The marketing subgraph is unavailable', {
            extensions: { code: 'UNAVAILABLE', reason: 'ECONNREFUSED', serviceName: 'marketing' },
          });
        },
      },
    },
    formatError: createGatewayErrorFormatter(logger),
    plugins: withPlugin ? [errorTraceContextPlugin()] : [],
  });
  await server.start();
  const span = provider.getTracer('test').startSpan('POST /graphql');
  const traceContext = trace.setSpan(ROOT_CONTEXT, span);
  const response = await server.executeOperation({ query: '{ campanas }' }, { contextValue: { identity: ANONYMOUS, traceContext } });
  span.end();
  await server.stop();
  const logged = lines.find((line) => line.msg === 'subgraph unavailable');
  return { response, logged, spanContext: span.spanContext() };
}

it("the formatter's log line of a failed request carries that request's trace_id and span_id, after the request's awaits", async () => {
  const { response, logged, spanContext } = await unavailableAfterAwait(true);
  expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
  expect(logged).toMatchObject({ reason: 'ECONNREFUSED', trace_id: spanContext.traceId, span_id: spanContext.spanId });
});

it('without the plugin the same line has no trace: what the plugin is for', async () => {
  const { logged } = await unavailableAfterAwait(false);
  expect(logged).toBeDefined();
  expect(logged).not.toHaveProperty('trace_id');
});
