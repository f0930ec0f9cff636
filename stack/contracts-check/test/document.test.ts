import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { MESSAGE_CATALOG, TOPICS } from '@alpes/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildAsyncApiDocument } from '../src/asyncapi-document.js';
import { documentToYaml } from '../src/document-yaml.js';
import { generateDocument, runContractsCheck, validateDocument, writeContractsDocument, yamlToDocument } from '../src/index.js';
import { loadContracts } from '../src/load-contracts.js';
import { DOCUMENT, REPO_CONTRACTS, REPO_ROOT, contractsWorkspace, removeWorkspaces, replace } from './support/contracts-workspace.js';

afterAll(removeWorkspaces);

const COMMITTED = readFileSync(join(REPO_ROOT, DOCUMENT), 'utf8');

describe('schema/asyncapi.yaml', () => {
  it('is valid AsyncAPI 3.0 for @asyncapi/parser: every topic a channel, every message type with its key, payload and envelope', async () => {
    const { document, diagnostics } = await new Parser().parse(COMMITTED);

    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 0)).toEqual([]);
    expect(document!.version()).toBe('3.0.0');
    expect(
      document!
        .channels()
        .all()
        .map((channel) => channel.address())
        .sort(),
    ).toEqual(Object.values(TOPICS).sort());
    const crear = document!.channels().get('marketing.eventos')!.messages().get('CampanaCreada.v1')!;
    expect(crear.name()).toBe('CampanaCreada');
    expect(crear.extensions().get('x-ordering-key')!.value()).toBe('$message.payload#/payload/campana/id');
    expect(crear.payload()!.allOf()![0]!.properties()!.correlationId).toBeDefined();
    expect(crear.payload()!.allOf()![1]!.properties()!.payload!.properties()!.campana!.properties()!.nombre!.type()).toBe('string');
    const messages = document!
      .messages()
      .all()
      .map((message) => message.name())
      .sort();
    expect(messages).toEqual(Object.keys(MESSAGE_CATALOG).sort());
  });

  it('is what the contracts give, byte for byte, whatever order the catalog lists them in', async () => {
    expect((await generateDocument(REPO_CONTRACTS)).yaml).toBe(COMMITTED);

    const source = await loadContracts(REPO_CONTRACTS);
    const reversed = {
      ...source,
      catalog: Object.fromEntries(Object.entries(source.catalog).reverse()),
      namedSchemas: [...source.namedSchemas].reverse(),
      topics: [...source.topics].reverse(),
    };
    expect(documentToYaml(buildAsyncApiDocument(reversed))).toBe(COMMITTED);
  });

  it('a key the payload does not carry (or may lack) stops the document from being built', async () => {
    const source = await loadContracts(REPO_CONTRACTS);
    const withKey = (type: keyof typeof MESSAGE_CATALOG, key: string) => ({
      ...source,
      catalog: { ...source.catalog, [type]: { ...source.catalog[type]!, key } },
    });

    expect(() => buildAsyncApiDocument(withKey('CampanaCreada', 'payload.campana.nombreX'))).toThrow(
      'CampanaCreada v1: key payload.campana.nombreX: payload.campana has no field nombreX',
    );
    expect(() => buildAsyncApiDocument(withKey('ComandoRechazado', 'payload.entidadId'))).toThrow(
      'ComandoRechazado v1: key payload.entidadId: payload.entidadId is not a string',
    );
    expect(() => buildAsyncApiDocument(withKey('ComandoRechazado', 'causationId'))).toThrow('key causationId: envelope.causationId is not a string');
  });

  it('a version listed both as current and as earlier stops the document from being built', async () => {
    const source = await loadContracts(REPO_CONTRACTS);
    const crear = source.catalog.CampanaCreada!;
    const twice = { ...source, catalog: { ...source.catalog, CampanaCreada: { ...crear, earlierVersions: { 1: crear.schema } } } };

    expect(() => buildAsyncApiDocument(twice)).toThrow('CampanaCreada: versions 1, 1 must be distinct integers from 1');
  });

  it('the validation is real: a payload schema that is not JSON Schema, or a dangling $ref, is an error', async () => {
    const document = yamlToDocument(COMMITTED) as { components: { schemas: Record<string, Record<string, unknown>> } };
    document.components.schemas.Uuid!.type = 'uuid';
    document.components.schemas.Decimal = { $ref: '#/components/schemas/Nada' };

    const validation = await validateDocument(stringify(document));

    expect(validation.errors).toContainEqual(
      expect.stringMatching(/"type" property must be equal to one of the allowed values.*\(at components\.schemas\.Uuid\.type\)$/),
    );
    expect(validation.errors).toContainEqual(expect.stringContaining("invalid-ref: '#/components/schemas/Nada' does not exist"));
  });
});

describe('a committed document that does not match the contracts', () => {
  it('stale: status error (exit 2), naming the first differing line and the command that fixes it', async () => {
    const root = await contractsWorkspace({
      'src/events/snapshots.ts': replace('  afiliadoIds: z.array(uuid),\n});', '  afiliadoIds: z.array(uuid),\n  objetivo: z.string().optional(),\n});'),
    });

    const result = await runContractsCheck({ rootDir: root, markdownFile: null });

    expect(result.status).toBe('error');
    expect(result.document.stale).toEqual([
      expect.stringMatching(/^schema\/asyncapi\.yaml is stale \(line \d+: committed ".*", contracts:write gives "objetivo:"\): run `npm run contracts:write`$/),
    ]);
    expect(result.breaking).toEqual([]);
    expect(result.text).toContain('stale: run `npm run contracts:write` and commit the result');
  });

  it('missing: status error; contracts:write creates it', async () => {
    const root = await contractsWorkspace();
    rmSync(join(root, DOCUMENT));

    const result = await runContractsCheck({ rootDir: root, markdownFile: null });
    expect(result.status).toBe('error');
    expect(result.document.stale).toEqual(['schema/asyncapi.yaml is missing: run `npm run contracts:write`']);

    expect(await writeContractsDocument({ rootDir: root })).toMatchObject({ ok: true, written: DOCUMENT });
    expect(readFileSync(join(root, DOCUMENT), 'utf8')).toBe(COMMITTED);
  });

  it('contracts that cannot be loaded: status error naming the module', async () => {
    const result = await runContractsCheck({ rootDir: REPO_ROOT, markdownFile: null, contractsModule: 'packages/contracts/src/no-such-module.ts' });

    expect(result.status).toBe('error');
    expect(result.errors).toEqual([expect.stringContaining('no-such-module.ts does not exist')]);
  });
});
