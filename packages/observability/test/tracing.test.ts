import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { AlwaysOffSampler, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '@alpes/messaging';
import {
  contextFromTraceparent,
  inSpan,
  recordsUnder,
  setTracingActive,
  startSpan,
  ATTR,
  SynchronousContextManager,
  traceBus,
  traceContextOf,
  traceLogFields,
  traceparentOf,
  tracingRequested,
} from '../src/index.js';
import { createContextKey, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => {
  provider.register();
  setTracingActive(true);
});
afterAll(async () => {
  setTracingActive(false);
  await provider.shutdown();
});

describe('tracing switched by the standard variables', () => {
  it('is off with none of them, on with any one, off again with OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'gateway' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' })).toBe(true);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'gateway', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });
});

describe('W3C traceparent', () => {
  it('round-trips a span context, keeps the sampled flag, ignores malformed or all-zero values', async () => {
    const given = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(traceparentOf(contextFromTraceparent(given))).toBe(given);
    expect(traceparentOf(contextFromTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00'))).toMatch(/-00$/);
    for (const bad of ['garbage', '00-00000000000000000000000000000000-b7ad6b7169203331-01', '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01']) {
      expect(traceparentOf(contextFromTraceparent(bad))).toBeUndefined();
    }
    await inSpan('child', { parent: contextFromTraceparent(given) }, async () => {
      expect(traceparentOf()).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    });
  });
});

describe('the traced bus port', () => {
  it("a consumer's span is the child of the publisher's, through the message property; else through the envelope field", async () => {
    exporter.reset();
    const bus = traceBus(new MemoryBus());
    const seen: string[] = [];
    const consumer = await bus.consume({ topic: 't', subscription: 's', mode: 'shared', handler: async () => void seen.push(traceparentOf()!) });
    const published = await inSpan('request', {}, async () => {
      await bus.publish('t', { key: 'k', body: '{}', properties: { type: 'X' } });
      return trace.getActiveSpan()!.spanContext();
    });
    await expect.poll(() => seen.length).toBe(1);
    await consumer.close();
    await bus.close();
    const spans = exporter.getFinishedSpans();
    const send = spans.find((span) => span.name === 'send t')!;
    const process = spans.find((span) => span.name === 'process t')!;
    expect(send.parentSpanContext?.spanId).toBe(published.spanId);
    expect(process.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(process.spanContext().traceId).toBe(published.traceId);

    const fromEnvelope = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(traceparentOf(traceContextOf({ properties: {}, body: JSON.stringify({ id: 'x', traceparent: fromEnvelope }) }))).toBe(fromEnvelope);
    expect(traceparentOf(traceContextOf({ properties: {}, body: '{"id":"x"}' }))).toBeUndefined();
  });
});

describe('log lines inside a trace', () => {
  it('carry trace_id and span_id (pino mixin), and nothing outside a span', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    const logger = pino({ mixin: traceLogFields }, sink);
    logger.info({ correlationId: 'c-1' }, 'outside');
    const ids = await inSpan('work', {}, async () => {
      logger.info({ correlationId: 'c-1' }, 'inside');
      logger.info('inside again');
      return trace.getActiveSpan()!.spanContext();
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({ msg: 'inside', correlationId: 'c-1', trace_id: ids.traceId, span_id: ids.spanId });
    expect(lines[2]).toMatchObject({ msg: 'inside again', trace_id: ids.traceId, span_id: ids.spanId });
    expect(lines[2]).not.toHaveProperty('correlationId');
  });
});

describe('no span work in a trace that is not sampled', () => {
  it('a child of an unsampled local span is not made: its work sees the parent, whose traceparent says 00; remote or sampled parents are left to the sampler', async () => {
    exporter.reset();
    const local = (flags: number) =>
      trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: flags, isRemote: false });
    expect(recordsUnder(local(TraceFlags.NONE))).toBe(false);
    expect(recordsUnder(local(TraceFlags.SAMPLED))).toBe(true);
    expect(recordsUnder(contextFromTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00'))).toBe(true);
    expect(recordsUnder(ROOT_CONTEXT)).toBe(true);

    const seen = await inSpan('child', { parent: local(TraceFlags.NONE) }, async (span) => ({ recording: span.isRecording(), traceparent: traceparentOf() }));
    expect(seen).toEqual({ recording: false, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' });
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('attributes only for spans that record', () => {
  it('a span the sampler drops reads none of its attributes; a recorded one gets them all', async () => {
    const dropping = new InMemorySpanExporter();
    const unsampledProvider = new NodeTracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [new SimpleSpanProcessor(dropping)] });
    exporter.reset();
    const read: string[] = [];
    /** Attributes that note each read of their value (the SDK reads every value it copies onto a span). */
    const attributes = (name: string) =>
      Object.defineProperty({ [ATTR.subgraph]: 'marketing' }, ATTR.graphqlOperationName, { enumerable: true, get: () => (read.push(name), name) });
    try {
      setTracingActive(true, unsampledProvider);
      const dropped = startSpan('dropped', { attributes: attributes('dropped') });
      expect(dropped.isRecording()).toBe(false);
      dropped.end();
      await inSpan('dropped too', { attributes: attributes('dropped too') }, (span) => expect(span.isRecording()).toBe(false));
      expect(dropping.getFinishedSpans()).toEqual([]);
    } finally {
      setTracingActive(true);
      await unsampledProvider.shutdown();
    }
    startSpan('kept', { attributes: attributes('kept') }).end();
    await inSpan('kept too', { attributes: { [ATTR.subgraph]: 'afiliados' } }, () => undefined);
    expect(read).toEqual(['kept']);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['kept', 'kept too']);
    expect(spans[0]!.attributes).toEqual({ [ATTR.subgraph]: 'marketing', [ATTR.graphqlOperationName]: 'kept' });
    expect(spans[1]!.attributes).toEqual({ [ATTR.subgraph]: 'afiliados' });
  });
});

describe('SynchronousContextManager (the gateway: no AsyncLocalStorage)', () => {
  it('a context is active for the synchronous run of with() and of a bound function, never after an await', async () => {
    const manager = new SynchronousContextManager();
    const key = createContextKey('k');
    const inner = ROOT_CONTEXT.setValue(key, 'v');
    let afterAwait: unknown = 'unset';
    const result = manager.with(inner, async () => {
      expect(manager.active().getValue(key)).toBe('v');
      await Promise.resolve();
      afterAwait = manager.active().getValue(key);
      return 'done';
    });
    expect(manager.active()).toBe(ROOT_CONTEXT);
    expect(await result).toBe('done');
    expect(afterAwait).toBeUndefined();
    const bound = manager.bind(inner, () => manager.active().getValue(key));
    expect(bound()).toBe('v');
    expect(() =>
      manager.with(inner, () => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });
});
