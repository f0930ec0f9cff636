import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSubgraphFiles, startGateway, type RunningGateway } from '@alpes/gateway';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let gateway: RunningGateway;

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 5, conversiones: 30 } });
  const composed = composeSubgraphFiles([
    { name: 'afiliados', url: stack.urls.afiliados },
    { name: 'conversiones', url: stack.urls.conversiones },
    { name: 'marketing', url: stack.urls.marketing },
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'alpes-supergraph-')), 'supergraph.graphql');
  writeFileSync(file, composed.supergraphSdl!);
  gateway = await startGateway({ port: 0, supergraph: { kind: 'file', path: file }, auth: stack.auth });
});
afterAll(async () => {
  await gateway?.close();
  await stack?.stop();
});

describe('gateway in production mode: a composed supergraph file, like Apollo Router', () => {
  it('serves the federated graph from the file', async () => {
    const { data, errors } = await postGraphQL(
      gateway.url,
      '{ comisiones(first: 1) { nodes { monto afiliado { nombre } conversion { valor } campana { nombre } } } }',
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.comisiones.nodes[0].afiliado.nombre).toBeTruthy();
    expect(data!.comisiones.nodes[0].conversion.valor).toMatch(/^\d+\.\d{2}$/);
  });

  it('is ready when the schema is loaded and every subgraph listed in the file answers', async () => {
    const response = await fetch(gateway.url.replace('/graphql', '/ready'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, checks: { supergraph: 'ok', subgraphs: 'ok' } });
  });
});
