// A subgraph's POST /graphql without express (graphql-post.ts) answers as the express path did: the same body limit and
// error bodies, the context's refusal as HTTP 401, and anything that is not a plain JSON POST still goes through express.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES, startSubgraph, type RunningServiceServer } from '../src/index.js';

const folder = mkdtempSync(join(tmpdir(), 'alpes-graphql-post-'));
const schemaFile = pathToFileURL(join(folder, 'schema.graphql'));
let server: RunningServiceServer;

beforeAll(async () => {
  writeFileSync(schemaFile, 'type Query { hello(name: String): String }\n');
  server = await startSubgraph({
    service: 'graphql-post-test',
    port: 0,
    schemaFile,
    resolvers: { Query: { hello: (_: unknown, args: { name?: string }) => `hola ${args.name ?? 'mundo'}` } },
    createContext: (request) => {
      if (request.headers.authorization !== 'Bearer signed')
        throw new GraphQLError('a gateway-signed identity is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      return {};
    },
    readiness: [],
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer signed', ...headers }, body });

describe('POST /graphql on node:http', () => {
  it('executes a query with its variables and the query string, answering JSON', async () => {
    const response = await post(JSON.stringify({ query: 'query ($n: String) { hello(name: $n) }', variables: { n: 'Ana' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store'); // as Apollo's cache-control plugin answered
    expect(await response.json()).toEqual({ data: { hello: 'hola Ana' } });
    const withSearch = await fetch(`${server.url}?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer signed' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    expect(await withSearch.json()).toEqual({ data: { hello: 'hola mundo' } });
  });

  it('refuses a request without the signed identity with HTTP 401 UNAUTHENTICATED, running nothing', async () => {
    const response = await post(JSON.stringify({ query: '{ hello }' }), { authorization: 'Bearer forged' });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE, its size and the limit', async () => {
    const big = JSON.stringify({ query: '{ hello }', variables: { padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES) } });
    const response = await post(big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `The request body is larger than the limit of ${MAX_REQUEST_BODY_BYTES} bytes`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', size: Buffer.byteLength(big), limit: MAX_REQUEST_BODY_BYTES },
        },
      ],
    });
  });

  it('answers malformed JSON, or JSON that is not an object, with 400 BAD_REQUEST', async () => {
    for (const body of ['{"query": ', '"{ hello }"']) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
  });

  it('leaves another charset to express, which answers as before', async () => {
    const response = await post(JSON.stringify({ query: '{ hello }' }), { 'content-type': 'application/json; charset=latin1' });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body cannot be read (unsupported encoding or charset)', extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});
