import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO_ROOT, 'stack/schema-check/src/cli.ts');
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const SUBGRAPHS = ['afiliados', 'conversiones', 'marketing'];
const scratch = mkdtempSync(join(tmpdir(), 'schema-check-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCli(args: string[]): { status: number | null; output: string } {
  const run = spawnSync(TSX, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true' } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the schema:check CLI on the real repository', () => {
  it('passes (exit 0): the subgraphs compose, schema/ is up to date, no breaking change, operations valid', () => {
    const markdown = join(scratch, 'real.md');

    const { status, output } = runCli(['--markdown', markdown]);

    expect(output).toContain('Schema check passed');
    expect(status).toBe(0);
    expect(readFileSync(markdown, 'utf8')).toContain('## ✅ Schema check passed');
  });

  it('fails (exit 1) naming Campana.porcentajeComision when marketing stops exposing it', () => {
    for (const name of SUBGRAPHS) {
      cpSync(join(REPO_ROOT, 'subgraphs', name, 'schema.graphql'), join(scratch, 'subgraphs', name, 'schema.graphql'));
    }
    const marketing = join(scratch, 'subgraphs', 'marketing', 'schema.graphql');
    const withoutField = readFileSync(marketing, 'utf8').replace(/^ *porcentajeComision: Decimal![^\n]*\n/gm, '');
    writeFileSync(marketing, withoutField);

    const args = ['--subgraphs-dir', join(scratch, 'subgraphs'), '--no-artifact-check', '--markdown', join(scratch, 'removed.md')];
    const { status, output } = runCli(args);

    expect(output).toContain('Campana.porcentajeComision');
    expect(status).toBe(1);
  });

  it('exits 2 on a composition error, naming the conflicting field and subgraphs', () => {
    const conflicting = join(REPO_ROOT, 'stack/schema-check/test/fixtures/conflicting-subgraphs');
    const base = join(REPO_ROOT, 'schema', 'api-schema.graphql');

    const { status, output } = runCli(['--subgraphs-dir', conflicting, '--no-artifact-check', '--base', base, '--markdown', join(scratch, 'composition.md')]);

    expect(output).toContain('Composition: failed');
    expect(output).toContain('"Campana.id"');
    expect(output).toMatch(/subgraph "conversiones"[\s\S]*subgraph "marketing"|subgraph "marketing"[\s\S]*subgraph "conversiones"/);
    expect(status).toBe(2);
  });

  it('exits 2 when a committed artifact is stale, saying to run npm run schema:write', () => {
    const artifacts = join(scratch, 'stale-schema');
    cpSync(join(REPO_ROOT, 'schema'), artifacts, { recursive: true });
    const apiSchema = join(artifacts, 'api-schema.graphql');
    writeFileSync(
      apiSchema,
      `${readFileSync(apiSchema, 'utf8')}
type Sobrante {
  campo: String
}
`,
    );

    const args = ['--artifacts-dir', artifacts, '--base', join(REPO_ROOT, 'schema', 'api-schema.graphql'), '--markdown', join(scratch, 'stale.md')];
    const { status, output } = runCli(args);

    expect(output).toMatch(/api-schema\.graphql is stale .*run `npm run schema:write`/);
    expect(status).toBe(2);
  });

  it('documents its options and exit codes in --help; a bad option exits 2', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.output).toMatch(/Exit codes:\n\s+0 {2}pass[\s\S]*\n\s+1 {2}breaking[\s\S]*\n\s+2 {2}error/);
    for (const option of ['--subgraphs-dir', '--operations', '--base', '--artifacts-dir', '--markdown', '--no-artifact-check']) {
      expect(help.output).toContain(option);
    }

    expect(runCli(['--no-such-option']).status).toBe(2);
  });
});
