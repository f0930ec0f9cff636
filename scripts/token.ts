// npm run --silent token -- <role> [--afiliado-id <id>] [--ttl <duration>]
// Prints only a JWT the running embedded stack accepts (npm start): signed with the development key in DATA_DIR
// (created if missing, the same file npm start uses), or with AUTH_JWT_SECRET / AUTH_PRIVATE_KEY_FILE when set.
// A gateway started on its own with the same AUTH_JWT_SECRET accepts the same tokens.
import { parseArgs } from 'node:util';
import { loadConfig, z } from '@alpes/platform';
import { authEnvironmentFields, isRole, ROLES, roleTokenProblems, stackAuthOf } from '@alpes/security';

const USAGE = `Usage: npm run --silent token -- <${Object.keys(ROLES).join('|')}> [--afiliado-id <uuid>] [--ttl <duration: 30s, 15m, 8h, 7d>]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<
  typeof parseArgs<{ options: { 'afiliado-id': { type: 'string' }; ttl: { type: 'string' }; help: { type: 'boolean' } }; allowPositionals: true }>
>;
try {
  parsed = parseArgs({ options: { 'afiliado-id': { type: 'string' }, ttl: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [role, ...extra] = parsed.positionals;
if (!role || extra.length > 0) fail(role ? `unexpected arguments: ${extra.join(' ')}` : 'which role?');
const options = {
  ...(parsed.values['afiliado-id'] ? { afiliadoId: parsed.values['afiliado-id'] } : {}),
  ...(parsed.values.ttl ? { ttl: parsed.values.ttl } : {}),
};
const problems = roleTokenProblems(role, options);
if (problems.length > 0 || !isRole(role)) fail(problems.join('\n'));

const config = loadConfig('token', z.object({ DATA_DIR: z.string().default('.data'), ...authEnvironmentFields }));
const auth = stackAuthOf(config, config.DATA_DIR);
if (!auth.issuer) fail(`this setup does not sign tokens (${auth.description}): get one from your identity provider`);
console.log(await auth.issuer.issueForRole(role, options));
