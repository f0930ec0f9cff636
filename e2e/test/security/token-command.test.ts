// `npm run --silent token -- <role> [--afiliado-id <id>] [--ttl <duration>]` as a developer runs it: it prints only a
// JWT, signed with AUTH_JWT_SECRET when set, else with the development key in DATA_DIR (created when missing, the
// same file npm start uses).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@alpes/database';
import { createTokenVerifier, stackAuthOf } from '@alpes/security';

const run = promisify(execFile);
const parent = mkdtempSync(join(tmpdir(), 'alpes-token-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function token(args: string[], env: Record<string, string>) {
  const { AUTH_JWT_SECRET: _inherited, ...inherited } = process.env; // only what the test sets
  const environment = { ...inherited, ...env };
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'token', '--', ...args], { cwd: REPO_ROOT, env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run token', () => {
  it('prints only a JWT signed with the development key in DATA_DIR, which it creates; the stack verifies it', async () => {
    const dataDir = join(parent, 'data');
    const { code, stdout } = await token(['afiliado', '--afiliado-id', '0190a000-0000-7000-8000-0000000000a1', '--ttl', '15m'], { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const identity = await createTokenVerifier(stackAuthOf({}, dataDir).verification).verify(stdout.trim());
    expect(identity).toMatchObject({ sub: 'afiliado:0190a000-0000-7000-8000-0000000000a1', afiliadoId: '0190a000-0000-7000-8000-0000000000a1' });
    expect([...identity.scopes]).toEqual(['self:read']);
    expect(identity.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('signs with AUTH_JWT_SECRET when it is set (what a gateway started with the same secret verifies)', async () => {
    const secret = 'a-shared-development-secret-of-32-bytes+';
    const { code, stdout } = await token(['integracion'], { AUTH_JWT_SECRET: secret, DATA_DIR: join(parent, 'unused') });
    expect(code).toBe(0);
    const verifier = createTokenVerifier(stackAuthOf({ AUTH_JWT_SECRET: secret }, join(parent, 'unused')).verification);
    expect(await verifier.verify(stdout.trim())).toMatchObject({ sub: 'integracion', scopes: new Set(['conversiones:write']) });
  });

  it('refuses an unknown role, an affiliate without its id and a bad duration: exit 2, the reason and the usage, nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['jefe'], /unknown role "jefe"/],
      [['afiliado'], /the afiliado role needs --afiliado-id/],
      [['admin', '--ttl', 'forever'], /--ttl "forever"/],
    ];
    for (const [args, reason] of cases) {
      const { code, stdout, stderr } = await token(args, { DATA_DIR: join(parent, 'data') });
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(reason);
      expect(stderr).toContain('Usage: npm run --silent token -- <admin|marketing|afiliado|integracion>');
    }
  });
});
