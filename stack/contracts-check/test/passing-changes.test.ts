import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runContractsCheck } from '../src/index.js';
import {
  DOCUMENT,
  commitAll,
  contractsWorkspace,
  coordinates,
  git,
  removeWorkspaces,
  replace,
  replaceAll,
  writeAndCheck,
} from './support/contracts-workspace.js';

afterAll(removeWorkspaces);

describe('compatible changes pass (status pass, exit 0)', () => {
  it('unchanged contracts: valid AsyncAPI, document up to date, nothing changed', async () => {
    const root = await contractsWorkspace();

    const result = await runContractsCheck({ rootDir: root, markdownFile: 'artifacts/contracts-check.md' });

    expect(result.status).toBe('pass');
    expect(result.validation).toEqual({ errors: [], warnings: [] });
    expect(result.document).toEqual({ checked: true, stale: [] });
    expect(result).toMatchObject({ diffed: true, breaking: [], safe: [], errors: [] });
    expect(readFileSync(join(root, 'artifacts/contracts-check.md'), 'utf8')).toBe(result.markdown);
    expect(result.markdown).toContain('## ✅ Contracts check passed');
  });

  it('an optional field added to a snapshot, an optional envelope field', async () => {
    const root = await contractsWorkspace({
      'src/events/snapshots.ts': replace('  afiliadoIds: z.array(uuid),\n});', '  afiliadoIds: z.array(uuid),\n  objetivo: z.string().optional(),\n});'),
      'src/envelope.ts': replace('  key: z.string().min(1),\n  payload', '  key: z.string().min(1),\n  tenant: z.string().optional(),\n  payload'),
    });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('pass');
    expect(result.breaking).toEqual([]);
    expect(coordinates(result.safe)).toEqual(
      expect.arrayContaining([
        '* / Envelope.tenant',
        'marketing.eventos / CampanaCreada.campana.objetivo',
        'marketing.eventos / AfiliadoAsignado.campana.objetivo',
      ]),
    );
    expect(result.safe.every((change) => change.kind === 'OPTIONAL_FIELD_ADDED')).toBe(true);
  });

  it('a new message type on a new topic', async () => {
    const root = await contractsWorkspace({
      'src/topics.ts': replace(
        "  resultadosComandos: 'comandos.resultados',\n",
        "  resultadosComandos: 'comandos.resultados',\n  auditoria: 'auditoria.eventos',\n",
      ),
      'src/catalog.ts': replaceAll(
        ["import type { z } from 'zod';", "import { z } from 'zod';"],
        [
          '} as const satisfies MessageCatalog;',
          "  AccesoRegistrado: { topic: TOPICS.auditoria, key: 'payload.usuarioId', schema: z.object({ usuarioId: z.string() }) },\n} as const satisfies MessageCatalog;",
        ],
      ),
    });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('pass');
    expect(result.safe).toEqual([{ kind: 'TOPIC_ADDED', coordinate: 'auditoria.eventos', description: 'topic added with AccesoRegistrado' }]);
    expect(readFileSync(join(root, DOCUMENT), 'utf8')).toContain('AccesoRegistrado.v1:');
  });
});

describe('the base, as schema:check finds it', () => {
  it('origin/main before HEAD: a breaking change committed on the branch still fails', async () => {
    const root = await contractsWorkspace({
      'src/events/snapshots.ts': replace('  nombre: z.string(),\n  estado: estadoCampana,', '  estado: estadoCampana,'),
    });
    await writeAndCheck(root);
    commitAll(root, 'campaigns lose their name');

    const result = await runContractsCheck({ rootDir: root, markdownFile: null });

    expect(result.baseSource).toBe('origin/main:schema/asyncapi.yaml');
    expect(result.status).toBe('breaking');
    expect(coordinates(result.breaking)).toContain('marketing.eventos / CampanaCreada.campana.nombre');
  });

  it('HEAD when there is no origin/main; --base before either; an unreadable --base is an error', async () => {
    const root = await contractsWorkspace();
    git(root, 'update-ref', '-d', 'refs/remotes/origin/main');
    expect((await runContractsCheck({ rootDir: root, markdownFile: null })).baseSource).toBe('HEAD:schema/asyncapi.yaml');

    const base = await runContractsCheck({ rootDir: root, markdownFile: null, baseFile: DOCUMENT });
    expect(base.baseSource).toBe('--base schema/asyncapi.yaml');

    const missing = await runContractsCheck({ rootDir: root, markdownFile: null, baseFile: 'no-such-base.yaml' });
    expect(missing.status).toBe('error');
    expect(missing.errors).toEqual([expect.stringContaining('Cannot read the base contracts')]);
  });
});
