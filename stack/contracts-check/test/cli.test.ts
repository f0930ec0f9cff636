import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, contractsWorkspace, removeWorkspaces, replace } from './support/contracts-workspace.js';

const CLI = join(REPO_ROOT, 'stack/contracts-check/src/cli.ts');
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const scratch = mkdtempSync(join(tmpdir(), 'contracts-check-cli-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  removeWorkspaces();
});

function runCli(args: string[], cwd = REPO_ROOT): { status: number | null; output: string } {
  const run = spawnSync(TSX, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the contracts:check CLI', () => {
  it('passes on the real repository (exit 0): valid, up to date, nothing breaking', () => {
    const markdown = join(scratch, 'real.md');

    const { status, output } = runCli(['--markdown', markdown]);

    expect(output).toContain('Contracts check passed');
    expect(status).toBe(0);
    expect(readFileSync(markdown, 'utf8')).toContain('## ✅ Contracts check passed');
  });

  it('on a branch that removes a field from CampanaCreada: contracts:write, then contracts:check exits 1 naming marketing.eventos / CampanaCreada.<field>', async () => {
    const root = await contractsWorkspace({
      'src/events/domain-events.ts': replace(
        'export const CampanaCreada = z.object({ campana: CampanaSnapshot });',
        'export const CampanaCreada = z.object({ campana: CampanaSnapshot.omit({ porcentajeComision: true }) });',
      ),
    });

    const write = runCli(['--write'], root);
    expect(write.output).toContain('Wrote schema/asyncapi.yaml');
    expect(write.status).toBe(0);
    const check = runCli([], root);

    expect(check.output).toContain('marketing.eventos / CampanaCreada.campana.porcentajeComision — field removed');
    expect(check.status).toBe(1);
    expect(readFileSync(join(root, 'artifacts/contracts-check.md'), 'utf8')).toContain('`marketing.eventos / CampanaCreada.campana.porcentajeComision`');
  });

  it('exits 2 on a stale document; documents its options and exit codes; a bad option exits 2', async () => {
    const root = await contractsWorkspace({
      'src/events/snapshots.ts': replace('  afiliadoIds: z.array(uuid),\n});', '  afiliadoIds: z.array(uuid),\n  objetivo: z.string().optional(),\n});'),
    });
    const stale = runCli([], root);
    expect(stale.output).toContain('schema/asyncapi.yaml is stale');
    expect(stale.status).toBe(2);

    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.output).toMatch(/Exit codes:\n\s+0 {2}pass[\s\S]*\n\s+1 {2}breaking[\s\S]*\n\s+2 {2}error/);
    for (const option of ['--write', '--contracts', '--document', '--base', '--markdown', '--no-document-check']) expect(help.output).toContain(option);
    expect(runCli(['--no-such-option']).status).toBe(2);
  });
});
