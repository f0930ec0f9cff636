import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContractModel, runContractsCheck, yamlToDocument } from '../src/index.js';
import { DOCUMENT, contractsWorkspace, coordinates, removeWorkspaces, replaceAll, writeAndCheck } from './support/contracts-workspace.js';

afterAll(removeWorkspaces);

const CAMPANA_CREADA_V1 = "  CampanaCreada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: events.CampanaCreada },";
const IMPORT_V2: [string, string] = [
  "import * as events from './events/domain-events.js';",
  "import * as events from './events/domain-events.js';\nimport { CampanaCreadaV2 } from '../test/fixtures/campana-creada-v2.js';",
];

/** The catalog edit of the versioning rule: CampanaCreada v2 (test/fixtures/campana-creada-v2.ts) is produced, v1 still accepted. */
const V2_BESIDE_V1 = replaceAll(IMPORT_V2, [
  CAMPANA_CREADA_V1,
  "  CampanaCreada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: CampanaCreadaV2, version: 2, earlierVersions: { 1: events.CampanaCreada } },",
]);

describe('the versioning rule: a breaking change is a new version, and consumers accept both', () => {
  it('CampanaCreada v2 beside v1 passes: both are messages of the channel, v1 is marked as no longer produced', async () => {
    const root = await contractsWorkspace({ 'src/catalog.ts': V2_BESIDE_V1 });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('pass');
    expect(result.safe).toEqual([
      { kind: 'MESSAGE_VERSION_ADDED', coordinate: 'marketing.eventos / CampanaCreada@v2', description: 'version 2 added beside version 1' },
    ]);
    const document = yamlToDocument(readFileSync(join(root, DOCUMENT), 'utf8')) as { components: { messages: Record<string, { summary: string }> } };
    expect(document.components.messages['CampanaCreada.v1']!.summary).toContain('no longer produced, still accepted');
    expect(document.components.messages['CampanaCreada.v2']!.summary).toContain('what producers write now');
    const model = readContractModel(document);
    expect([...model.topics.get('marketing.eventos')!.keys()]).toEqual(expect.arrayContaining(['CampanaCreada', 'CampanaCreada@v2']));
  });

  it('the same change made in place (v1 changed) is breaking, and says a new version is needed', async () => {
    const root = await contractsWorkspace({
      'src/catalog.ts': replaceAll(IMPORT_V2, [
        CAMPANA_CREADA_V1,
        "  CampanaCreada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: CampanaCreadaV2 },",
      ]),
    });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('breaking');
    expect(result.breaking).toEqual([
      {
        kind: 'FIELD_TYPE_CHANGED',
        coordinate: 'marketing.eventos / CampanaCreada.campana.presupuesto',
        description: 'type changed from string to object; a breaking change needs a new version of CampanaCreada',
      },
    ]);
  });

  it('v2 replacing v1 (v1 no longer accepted) is breaking: messages of version 1 may still be on the topic', async () => {
    const root = await contractsWorkspace({
      'src/catalog.ts': replaceAll(IMPORT_V2, [
        CAMPANA_CREADA_V1,
        "  CampanaCreada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: CampanaCreadaV2, version: 2 },",
      ]),
    });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('breaking');
    expect(result.breaking.map(({ kind, coordinate }) => `${kind} ${coordinate}`)).toEqual(['MESSAGE_VERSION_REMOVED marketing.eventos / CampanaCreada']);
    expect(coordinates(result.safe)).toEqual(['marketing.eventos / CampanaCreada@v2']);
  });

  it('once v2 is on main, changing v2 in place is breaking too, named CampanaCreada@v2', async () => {
    const onMain = await contractsWorkspace({ 'src/catalog.ts': V2_BESIDE_V1 });
    await writeAndCheck(onMain);
    const baseFile = join(onMain, 'base-asyncapi.yaml');
    writeFileSync(baseFile, readFileSync(join(onMain, DOCUMENT)));
    const root = await contractsWorkspace({
      'src/catalog.ts': V2_BESIDE_V1,
      'test/fixtures/campana-creada-v2.ts': replaceAll(['z.object({ monto: decimal, moneda: currency })', 'z.object({ monto: decimal })']),
    });

    const result = await writeAndCheck(root, { baseFile });

    expect(result.breaking).toEqual([
      expect.objectContaining({ kind: 'FIELD_REMOVED', coordinate: 'marketing.eventos / CampanaCreada@v2.campana.presupuesto.moneda' }),
    ]);
    expect((await runContractsCheck({ rootDir: onMain, markdownFile: null, baseFile })).status).toBe('pass');
  });
});
