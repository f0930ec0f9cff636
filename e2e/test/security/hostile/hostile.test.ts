// Issue 10, item 9: the hostile-input suite. Property-based (fast-check): at least 500 generated cases per run,
// from a printed seed (HOSTILE_SEED replays a run), plus hand-picked cases. Whatever is sent:
// - every answer is a well-formed GraphQL response whose codes the README's "Error codes" table documents;
// - no 5xx but UNAVAILABLE, no stack trace, no unexpected error, with the gateway in NODE_ENV=production;
// - no process dies (the gateway is its own process; the subgraphs answer /health);
// - a mutation publishes exactly one command per ComandoAceptado it answers, and a rejected one leaves no row in any
//   table and no message on any topic (both counted before and after);
// - the gateway's RSS after the suite is within 50 MB of its RSS before.
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClientSchema } from './api-schema.js';
import { describeRequest, truncate } from './case-text.js';
import { readDocumentedCodes } from './documented-codes.js';
import { startHostileStack, type HostileStack } from './hostile-stack.js';
import { json, send, type RawRequest } from './http.js';
import { collectPool } from './id-pool.js';
import { operationArbitrary, type IdPool } from './operations.js';
import { hostileCase } from './requests.js';
import { acceptedCommands, sideEffectBaseline, sideEffectsOfARejection, waitUntilSettled } from './side-effects.js';
import { REPLAY_HINT, SEED, runParameters } from './suite-seed.js';
import { endSurvey, surveying as surveyingWith } from './survey.js';
import { problemsOfHttpAnswer, problemsOfWsOutcome, type GraphQLBody, type HttpAnswer } from './verdict.js';
import { waitFor } from './wait-for.js';
import { probeSubscription, type WsOutcome } from './ws-probe.js';

const MB = 1024 * 1024;
const RUNS = { queries: 155, mutations: 70, requests: 205, subscriptions: 75 };
const MINIMUM_GENERATED_CASES = 500;

let stack: HostileStack;
let documented: ReadonlySet<string>;
let schema: GraphQLSchema;
let pool: IdPool;
let rssBefore = 0;
let generated = 0;
let acceptedSinceQuiet: string[] = [];
const seenCodes = new Map<string, number>();
const casesPerKind = new Map<string, number>();

beforeAll(async () => {
  console.log(`[hostile] seed ${SEED}; replay: ${REPLAY_HINT}`);
  documented = readDocumentedCodes();
  schema = loadClientSchema();
  stack = await startHostileStack();
  pool = await collectPool(stack.gatewayUrl, post);
  // warm-up: the gateway's first plans, caches, JIT and a heap sized for 1 MB bodies (a legitimate size) belong to "before"
  for (let round = 0; round < 20; round += 1)
    await send(stack.gatewayUrl, post('{ afiliados(first: 2) { nodes { id nombre comisiones(first: 1) { nodes { monto } } } } }'));
  for (let round = 0; round < 4; round += 1)
    await send(stack.gatewayUrl, post('query($b: String) { afiliados(first: 1, filtro: { busqueda: $b }) { totalCount } }', { b: 'x'.repeat(1000 * 1000) }));
  rssBefore = stack.gatewayRss();
  console.log(`[hostile] gateway RSS before the suite: ${(rssBefore / MB).toFixed(1)} MB`);
}, 300_000);

afterAll(async () => {
  console.log(`[hostile] seed ${SEED}; ${generated} generated cases: ${[...casesPerKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}`);
  console.log(`[hostile] codes answered: ${[...seenCodes].map(([code, count]) => `${code} ${count}`).join(', ')}`);
  await stack?.stop();
});

describe('hostile input (fast-check, NODE_ENV=production gateway in its own process)', () => {
  it(`random queries generated from the API schema (${RUNS.queries} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(operationArbitrary(schema, 'query', pool), async (query) => {
        count('random query');
        await surveying(() => judge(post(query), { mutation: false, describe: query }));
      }),
      runParameters(1, RUNS.queries),
    );
    endSurvey();
  });

  it(`random mutations generated from the API schema, with hostile arguments (${RUNS.mutations} cases): no row, no message unless accepted`, async () => {
    await fc.assert(
      fc.asyncProperty(operationArbitrary(schema, 'mutation', pool, { maxDepth: 1 }), async (mutation) => {
        count('random mutation');
        await surveying(() => judge(post(mutation), { mutation: true, describe: mutation }));
      }),
      runParameters(2, RUNS.mutations),
    );
    endSurvey();
  });

  it(`hostile HTTP requests (${RUNS.requests} cases): malformed JSON, wrong variable types, 1 MB strings, NUL and invalid UTF-8, SQL, odd first, forged cursors, __proto__, 10,000-deep variables, several operations, GET mutations, batches`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileCase(stack.admin, pool), async (hostile) => {
        count(hostile.kind);
        await surveying(() => judge(hostile.request, { mutation: hostile.mutation, describe: `${hostile.kind}: ${describeRequest(hostile.request)}` }));
      }),
      runParameters(3, RUNS.requests),
    );
    endSurvey();
  });

  it(`random and hostile subscriptions over graphql-ws (${RUNS.subscriptions} cases)`, async () => {
    const frames = fc.oneof(
      { weight: 4, arbitrary: operationArbitrary(schema, 'subscription', pool).map((query) => ({ query })) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '{',
          'null',
          '{"id":"1","type":"subscribe","payload":{"query":42}}',
          '{"id":"1","type":"subscribe","payload":{"query":"subscription { comando(correlationId: \\"\\u0000\\") { estado } }"}}',
          '{"type":"subscribe"}',
          `{"id":"1","type":"subscribe","payload":{"query":"subscription { campanaCreada { eventoId } }","variables":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`,
        ),
      },
      { weight: 1, arbitrary: operationArbitrary(schema, 'query', pool, { maxDepth: 1 }).map((query) => ({ query })) },
    );
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        count('subscription');
        await surveying(async () => {
          const outcome = await probeSubscription(stack.gatewayUrl, stack.admin, frame);
          const problems = problemsOfWs(outcome);
          await expectAlive();
          if (problems.length > 0)
            throw new Error(
              `${problems.join('; ')}\nsent: ${truncate(typeof frame === 'string' ? frame : frame.query)}\ngot: ${truncate(JSON.stringify(outcome))}`,
            );
        });
      }),
      runParameters(4, RUNS.subscriptions),
    );
    endSurvey();
  });

  it(`generated at least ${MINIMUM_GENERATED_CASES} cases`, () => {
    expect(generated).toBeGreaterThanOrEqual(MINIMUM_GENERATED_CASES);
  });
});

describe('hostile input: hand-picked cases', () => {
  const NESTED_ATTACK =
    '{ afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { nombre } } } } } } } } } } } }';
  const ALIASES_ATTACK = `{ ${Array.from({ length: 500 }, (_, index) => `a${index}: afiliados(first: 100) { totalCount }`).join(' ')} }`;
  const asSubscription = (selection: string) => `subscription { comisionCalculada { comision { ${selection} } } }`;
  const NESTED_SUBSCRIPTION = asSubscription(
    'afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { nombre } } } } } } } } } }',
  );
  const ALIASES_SUBSCRIPTION = asSubscription(Array.from({ length: 500 }, (_, index) => `a${index}: afiliado { id }`).join(' '));

  it.each([
    ['the 300-byte nested query', NESTED_ATTACK],
    ['500 aliases of afiliados(first: 100)', ALIASES_ATTACK],
  ])('%s is rejected before it runs, with the measured value and the limit', async (_name, query) => {
    // The suite's data is small (8 affiliates), so even an unprotected gateway survives these: the point is the rejection.
    const body = await judge(post(query), { mutation: false, describe: query });
    expectRejectedByALimit(body.errors ?? [], body.data);
  });

  it.each([
    ['the nested query', NESTED_SUBSCRIPTION],
    ['500 aliases', ALIASES_SUBSCRIPTION],
  ])('%s as a subscription is refused when it subscribes (graphql-ws)', async (_name, query) => {
    const outcome = await probeSubscription(stack.gatewayUrl, stack.admin, { query }, 1_000);
    expect(problemsOfWs(outcome)).toEqual([]);
    expect(outcome.live, `the subscription was accepted: ${JSON.stringify(outcome)}`).toBe(false);
    const error = outcome.messages.find((message) => message.type === 'error');
    expect(error, `no error message: ${JSON.stringify(outcome)}`).toBeDefined();
    expectRejectedByALimit(error!.payload as GraphQLBody['errors'] & object, undefined);
  });

  it('a misspelt field gets no "Did you mean" suggestion in production', async () => {
    const body = await judge(post('{ afiliado(id: "x") { nombr } }'), { mutation: false, describe: 'misspelt field' });
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body.errors)).not.toMatch(/did you mean/i);
  });

  it('introspection is off in production, with a documented code', async () => {
    const body = await judge(post('{ __schema { types { name } } }'), { mutation: false, describe: 'introspection' });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it('registrarAfiliado with a NUL byte in nombre is refused at once, or applied: never accepted and then lost', async () => {
    const email = `nul.${Date.now()}@example.com`;
    const body = await judge(
      post('mutation($input: RegistrarAfiliadoInput!) { registrarAfiliado(input: $input) { correlationId id } }', {
        input: { nombre: 'Ana\u0000Nul', email, tipoAfiliacion: 'STANDARD', comisionBase: '5' },
      }),
      { mutation: true, describe: 'NUL in nombre' },
    );
    const accepted = body.data?.registrarAfiliado as { correlationId: string; id: string } | null | undefined;
    if (!accepted) {
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return;
    }
    await waitFor(() => stack.bus.hasOutcome(accepted.correlationId), 15_000, `the outcome of ${accepted.correlationId}`);
    const read = await send(stack.gatewayUrl, post('query($id: ID!) { afiliado(id: $id) { nombre } }', { id: accepted.id }));
    expect(JSON.parse(read.text).data?.afiliado, `accepted, then not applied (${stack.bus.outcomeOf(accepted.correlationId)}): ${read.text}`).not.toBeNull();
  });

  it('no process died, no stack trace, and the gateway RSS is within 50 MB of its RSS before the suite', async () => {
    await expectAlive();
    expect(await stack.subgraphsAlive()).toBe(true);
    const rssAfter = stack.gatewayRss();
    console.log(
      `[hostile] gateway RSS: before ${(rssBefore / MB).toFixed(1)} MB, after ${(rssAfter / MB).toFixed(1)} MB (${((rssAfter - rssBefore) / MB).toFixed(1)} MB)`,
    );
    expect(rssAfter - rssBefore).toBeLessThanOrEqual(50 * MB);
    const output = stack.gateway.output();
    expect(output, 'the gateway printed a crash').not.toMatch(/heap out of memory|uncaughtException|unhandledRejection|FATAL ERROR/i);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

function post(query: string, variables?: Record<string, unknown>): RawRequest {
  return { method: 'POST', headers: json(stack.admin), body: JSON.stringify({ query, ...(variables ? { variables } : {}) }) };
}

const surveying = (check: () => Promise<unknown>) => surveyingWith(check, () => stack.gateway.running);

function count(kind: string): void {
  generated += 1;
  casesPerKind.set(kind, (casesPerKind.get(kind) ?? 0) + 1);
}

/**
 * Sends one request and checks every property; with `mutation`, also the side effects: exactly one command per
 * ComandoAceptado, and nothing at all (rows, messages) when nothing was accepted.
 */
async function judge(request: RawRequest, options: { mutation: boolean; describe: string }): Promise<GraphQLBody> {
  if (options.mutation) await quiesce();
  const before = options.mutation ? await sideEffectBaseline(stack) : undefined;
  let answer: HttpAnswer;
  try {
    answer = await send(stack.gatewayUrl, request);
  } catch (error) {
    throw new Error(
      `no answer (${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)})\nsent: ${truncate(options.describe)}\n${stack.gateway.describe(30)}`,
    );
  }
  const { problems, body } = problemsOfHttpAnswer(answer, documented);
  for (const error of body?.errors ?? []) seenCodes.set(String(error.extensions?.code), (seenCodes.get(String(error.extensions?.code)) ?? 0) + 1);
  if (before) {
    const accepted = acceptedCommands(body);
    const published = stack.bus.commands() - before.commands;
    if (published !== accepted.length) problems.push(`${published} command(s) published for ${accepted.length} ComandoAceptado in the answer`);
    if (accepted.length === 0) problems.push(...(await sideEffectsOfARejection(stack, before)));
    acceptedSinceQuiet.push(...accepted);
  }
  await expectAlive();
  if (problems.length > 0)
    throw new Error(`${problems.join('; ')}\nsent: ${truncate(options.describe)}\ngot: HTTP ${answer.status} ${answer.contentType} ${truncate(answer.text)}`);
  return body!;
}

/** Waits until every command accepted so far has its outcome and rows and messages have stopped changing. */
async function quiesce(): Promise<void> {
  if (acceptedSinceQuiet.length === 0) return;
  await waitUntilSettled(stack, acceptedSinceQuiet);
  acceptedSinceQuiet = [];
}

async function expectAlive(): Promise<void> {
  if (!stack.gateway.running) throw new Error(`the gateway process died\n${stack.gateway.describe(60)}`);
}

function problemsOfWs(outcome: WsOutcome): string[] {
  const problems = problemsOfWsOutcome(outcome, documented);
  for (const error of outcome.messages.flatMap((message) => (message.type === 'error' && Array.isArray(message.payload) ? message.payload : []))) {
    const code = String((error as { extensions?: { code?: unknown } }).extensions?.code);
    seenCodes.set(code, (seenCodes.get(code) ?? 0) + 1);
  }
  return problems;
}

/** A limit's rejection: nothing ran (no data), and an error carries, besides its code, the measured value and the limit. */
function expectRejectedByALimit(errors: NonNullable<GraphQLBody['errors']>, data: GraphQLBody['data']): void {
  expect(data ?? null, `it ran: ${truncate(JSON.stringify(data))}`).toBeNull();
  const measured = errors.find((error) => Object.values(error.extensions ?? {}).filter((value) => typeof value === 'number').length >= 2);
  expect(measured, `no error carries the measured value and the limit: ${truncate(JSON.stringify(errors))}`).toBeDefined();
}
