// Production errors and request limits (issue 10, item 7), on real gateways over a test stack's subgraphs:
// NODE_ENV=production hides stack traces and "Did you mean" suggestions (HTTP and graphql-ws), CORS_ORIGINS is an
// allowlist, and oversized bodies, malformed JSON and deeply nested variables get GraphQL answers with a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayOptions, type RunningGateway } from '@alpes/gateway';
import { startTestStack } from '@alpes/local-stack';
import { openSubscriptionClient, waitUntil } from '@alpes/testing';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let production: RunningGateway;
let development: RunningGateway;

async function gatewayWith(options: Partial<GatewayOptions>): Promise<RunningGateway> {
  const subgraphs = (['afiliados', 'conversiones', 'marketing'] as const).map((name) => ({ name, url: stack.urls[name] }));
  const gateway = await startGateway({
    port: 0,
    supergraph: { kind: 'subgraphs', subgraphs },
    auth: stack.auth,
    bus: stack.bus,
    playground: false,
    ...options,
  });
  for (const deadline = Date.now() + 20_000; !(await fetch(gateway.url.replace('/graphql', '/ready'))).ok; ) {
    if (Date.now() > deadline) throw new Error('the gateway did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return gateway;
}

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 2, conversiones: 2 } });
  production = await gatewayWith({ production: true, corsOrigins: ['https://app.example.com'] });
  development = await gatewayWith({ production: false });
});
afterAll(async () => {
  await production?.close();
  await development?.close();
  await stack?.stop();
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: stack.admin, ...headers }, body });

describe('NODE_ENV=production: no schema suggestions, no stack traces', () => {
  const typo = JSON.stringify({ query: '{ afiliados(first: 1) { nodes { nombr } } }' });

  it('over HTTP', async () => {
    const dev = (await (await post(development.url, typo)).json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(dev.errors[0]!.message).toMatch(/Did you mean "nombre"\?/); // what production must not say
    expect(dev.errors[0]!.extensions.stacktrace).toBeDefined();

    const response = await post(production.url, typo);
    const answer = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(400);
    expect(answer.errors[0]!.message).toBe('Cannot query field "nombr" on type "Afiliado".');
    expect(answer.errors[0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(JSON.stringify(answer)).not.toMatch(/Did you mean|stacktrace|\.ts:\d+/);
  });

  it('over graphql-ws', async () => {
    const client = openSubscriptionClient(production.url, stack.admin);
    try {
      const subscription = client.subscribe('subscription { campanaCreada { campana { nombr } } }');
      await waitUntil(
        () => 'the subscribe was not refused',
        () => subscription.error !== undefined,
        5_000,
      );
      const errors = subscription.error as { message: string }[];
      expect(errors[0]!.message).toBe('Cannot query field "nombr" on type "Campana".');
    } finally {
      await client.dispose();
    }
  });
});

describe('CORS_ORIGINS is an allowlist', () => {
  it('echoes an allowed origin (preflight and request) and gives any other origin no CORS header', async () => {
    const preflight = (origin: string) =>
      fetch(production.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const request = await post(production.url, JSON.stringify({ query: '{ __typename }' }), { origin: 'https://app.example.com' });
    expect(request.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const foreign = await post(production.url, JSON.stringify({ query: '{ __typename }' }), { origin: 'https://evil.example.net' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    // unset (the default): no origin at all is allowed
    const none = await post(development.url, JSON.stringify({ query: '{ __typename }' }), { origin: 'https://app.example.com' });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request body and variables limits', () => {
  it('a body over 1 MB: 413 PAYLOAD_TOO_LARGE with its size and the limit', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } });
    const response = await post(production.url, body);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The request body is larger than the limit of 1048576 bytes',
          extensions: { code: 'PAYLOAD_TOO_LARGE', size: Buffer.byteLength(body), limit: 1_048_576 },
        },
      ],
    });
  });

  it('malformed JSON: 400 BAD_REQUEST as a GraphQL answer, no HTML page and no stack trace, in either mode', async () => {
    for (const gateway of [production, development]) {
      const response = await post(gateway.url, '{"query": "{ __typename }",');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
  });

  it('variables nested 10,000 levels deep: 400 VARIABLES_TOO_DEEP with the depth and the limit; the gateway keeps serving', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const response = await post(production.url, `{"query":"query ($f: JSON) { __typename }","variables":{"f":${deep}}}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The variables nest deeper than 32 levels', extensions: { code: 'VARIABLES_TOO_DEEP', depth: 33, maxDepth: 32 } }],
    });
    const after = await post(production.url, JSON.stringify({ query: '{ afiliados(first: 1) { totalCount } }' }));
    expect(await after.json()).toEqual({ data: { afiliados: { totalCount: 2 } } });
  });
});
