// Trusted documents and automatic persisted queries through the gateway (gateway/src/plugins/trusted-documents/):
// the manifest codegen writes (e2e/src/gql/persisted-documents.json, client-preset's format), enforce /
// allow-unlisted / off, ids as client-preset (documentId) and Apollo (extensions.persistedQuery) send them, and the
// bounded APQ store. One stack; one gateway per mode on its subgraphs and bus.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayOptions, type RunningGateway } from '@alpes/gateway';
import { startTestStack, type TestStack } from '@alpes/local-stack';

const MANIFEST = new URL('../../src/gql/persisted-documents.json', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
const [resumenId, resumen] = Object.entries(manifest).find(([, text]) => text.startsWith('query AfiliadosConResumen'))!;
const UNLISTED = '{ afiliados(first: 1) { totalCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let stack: TestStack;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 3, conversiones: 3 } });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await stack?.stop();
});

async function gatewayWith(options: Partial<GatewayOptions>): Promise<string> {
  const subgraphs = (['afiliados', 'conversiones', 'marketing'] as const).map((name) => ({ name, url: stack.urls[name] }));
  const gateway = await startGateway({ port: 0, supergraph: { kind: 'subgraphs', subgraphs }, auth: stack.auth, playground: false, ...options });
  gateways.push(gateway);
  return gateway.url;
}

async function post(
  url: string,
  body: object,
): Promise<{ status: number; body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: stack.admin },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('TRUSTED_DOCUMENTS=enforce', () => {
  let url: string;
  beforeAll(async () => {
    url = await gatewayWith({ trustedDocuments: { mode: 'enforce', manifestFile: MANIFEST } });
  });

  it('runs a listed document by client-preset’s documentId, by Apollo’s persistedQuery hash, and over GET', async () => {
    const byDocumentId = await post(url, { documentId: resumenId, variables: { first: 2 } });
    expect(byDocumentId.status).toBe(200);
    expect(byDocumentId.body.data.afiliados.nodes).toHaveLength(2);
    const byHash = await post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: resumenId.replace('sha256:', '') } }, variables: { first: 1 } });
    expect(byHash.body.data.afiliados.nodes).toHaveLength(1);
    const get = await fetch(`${url}?documentId=${encodeURIComponent(resumenId)}&variables=${encodeURIComponent('{"first":1}')}`, {
      headers: { authorization: stack.admin, 'apollo-require-preflight': 'true' },
    });
    expect(((await get.json()) as { data: any }).data.afiliados.nodes).toHaveLength(1);
  });

  it('runs a listed document sent as its identical text, or the same document formatted differently', async () => {
    expect((await post(url, { query: resumen, variables: { first: 1 } })).body.data.afiliados.nodes).toHaveLength(1);
    const reformatted = resumen.replace(/ \{ /g, ' {\n  ').replace(/ \}/g, '\n}');
    expect(reformatted).not.toBe(resumen);
    expect((await post(url, { query: reformatted, variables: { first: 1 } })).body.data.afiliados.nodes).toHaveLength(1);
  });

  it('refuses an unlisted text and an unknown id with 400 PERSISTED_QUERY_NOT_IN_LIST, before anything runs', async () => {
    const unlisted = await post(url, { query: UNLISTED });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.errors![0]!.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_IN_LIST', sha256: sha256(UNLISTED) });
    const unknownId = await post(url, { documentId: `sha256:${sha256(UNLISTED)}` });
    expect(unknownId.status).toBe(400);
    expect(unknownId.body.errors![0]!.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_IN_LIST', documentId: sha256(UNLISTED) });
  });

  it('runs the manifest’s text for a listed id, whatever text comes with it', async () => {
    const smuggled = await post(url, { query: UNLISTED, extensions: { persistedQuery: { version: 1, sha256Hash: resumenId } }, variables: { first: 1 } });
    expect(smuggled.body.data.afiliados.nodes).toHaveLength(1); // AfiliadosConResumen's shape, not the smuggled query's
    expect(smuggled.body.data.afiliados.pageInfo).toBeDefined();
  });
});

describe('TRUSTED_DOCUMENTS=allow-unlisted', () => {
  it('runs an unlisted document (and logs it)', async () => {
    const url = await gatewayWith({ trustedDocuments: { mode: 'allow-unlisted', manifestFile: MANIFEST } });
    const unlisted = await post(url, { query: UNLISTED });
    expect(unlisted.status).toBe(200);
    expect(unlisted.body.data.afiliados.totalCount).toBeGreaterThan(0);
  });
});

describe('automatic persisted queries (TRUSTED_DOCUMENTS=off, the default)', () => {
  it('registers a query by its hash, runs it by hash alone, and forgets the least recently used past APQ_CACHE_MAX_BYTES', async () => {
    const url = await gatewayWith({ persistedQueriesMaxBytes: 200 });
    const first = `{ afiliados(first: 1) { totalCount nodes { id ${'nombre '.repeat(15)}} } }`;
    const second = `{ afiliados(first: 2) { totalCount nodes { id ${'email '.repeat(15)}} } }`;
    const hashOnly = (query: string) => post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
    expect((await hashOnly(first)).body.errors![0]!.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(
      (await post(url, { query: first, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(first) } } })).body.data.afiliados.totalCount,
    ).toBeGreaterThan(0);
    expect((await hashOnly(first)).body.data.afiliados.nodes).toHaveLength(1);
    // A second query of about the same size does not fit beside the first in 200 bytes: the first is evicted.
    expect(
      (await post(url, { query: second, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(second) } } })).body.data.afiliados.nodes,
    ).toHaveLength(2);
    expect((await hashOnly(second)).body.data.afiliados.nodes).toHaveLength(2);
    expect((await hashOnly(first)).body.errors![0]!.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
  });
});
