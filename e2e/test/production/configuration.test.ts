// How the processes meet their configuration (no broker needed): invalid environments stop a process with exit
// code 1 and one message naming every problem; pending migrations stop a subgraph naming them; and
// docker-compose.yml gives each process an environment its own validation accepts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVICE_DATABASES, databaseUrlEnvName, type ServiceName } from '@alpes/database';
import { gatewayConfigSchema } from '@alpes/gateway';
import { busConfigFromEnv } from '@alpes/messaging';
import { ConfigurationError, loadProcessConfig, subgraphProcessConfigSchema } from '@alpes/platform';
import { gatewayAuthEnvironmentProblems, subgraphIdentityProblems } from '@alpes/security';
import { freePort, ManagedProcess, childEnvironment, createFreshDatabases, sleep, type FreshDatabases } from '@alpes/testing';

const PROCESS_TIMEOUT_MS = 60_000;
const TEST_SECRET = 'a-secret-of-at-least-thirty-two-bytes-for-tests';

function startService(name: ServiceName | 'gateway', env: Record<string, string>): ManagedProcess {
  const workspace = name === 'gateway' ? 'gateway' : `subgraphs/${name}`;
  return new ManagedProcess(name, 'npm', ['run', 'start', '-w', workspace], childEnvironment({ LOG_LEVEL: 'warn', ...env })).start();
}

async function exitOf(managed: ManagedProcess) {
  const exit = await Promise.race([managed.exited(), sleep(PROCESS_TIMEOUT_MS).then(() => undefined)]);
  if (!exit) {
    managed.kill();
    throw new Error(`${managed.name} did not stop by itself\n${managed.describe()}`);
  }
  return exit;
}

/** The service's own message: from its "invalid configuration" line to npm's epilogue. */
function configurationMessage(output: string, service: string): string {
  const start = output.indexOf(`${service}: invalid configuration`);
  if (start < 0) return '';
  const rest = output.slice(start).split('\n');
  const end = rest.findIndex((line, index) => index > 0 && !line.startsWith('  - '));
  return rest.slice(0, end < 0 ? undefined : end).join('\n');
}

describe('a process started with a missing or invalid environment', () => {
  it('marketing with PORT=abc, no MARKETING_DATABASE_URL and BUS=kafka exits 1 with one message naming all three', async () => {
    const marketing = startService('marketing', { PORT: 'abc', BUS: 'kafka' });
    const exit = await exitOf(marketing);
    expect(exit.code, marketing.describe()).toBe(1);
    const output = marketing.output();
    expect(output.match(/invalid configuration/g), output).toHaveLength(1);
    const message = configurationMessage(output, 'marketing');
    expect(message.split('\n')).toEqual([
      'marketing: invalid configuration',
      expect.stringMatching(/^ {2}- PORT: /),
      expect.stringMatching(/^ {2}- MARKETING_DATABASE_URL: /),
      '  - BUS: must be one of memory, pulsar (got "kafka")',
      '  - SUBGRAPH_IDENTITY_SECRET: set SUBGRAPH_IDENTITY_SECRET (the same as the gateway), or AUTH_JWT_SECRET from which both derive it',
    ]);
  });

  it.each([
    [
      'afiliados',
      { AFILIADOS_DATABASE_URL: 'mysql://db/afiliados', MIGRATE_ON_START: 'yes', PORT: '70000', SUBGRAPH_IDENTITY_SECRET: 'short' },
      ['AFILIADOS_DATABASE_URL', 'MIGRATE_ON_START', 'PORT', 'SUBGRAPH_IDENTITY_SECRET'],
    ],
    [
      'conversiones',
      { SHUTDOWN_TIMEOUT_MS: 'soon', BUS: 'pulsar', PULSAR_WEB_URL: 'ftp://broker' },
      ['CONVERSIONES_DATABASE_URL', 'SHUTDOWN_TIMEOUT_MS', 'PULSAR_WEB_URL', 'SUBGRAPH_IDENTITY_SECRET'],
    ],
    [
      'gateway',
      {
        PORT: '-1',
        AFILIADOS_URL: 'not a url',
        COMMAND_STATUS_WINDOW_MS: '5',
        BUS: 'pulsar',
        PULSAR_CLIENT: 'java',
        AUTH_JWKS_URL: 'https://idp.example/jwks.json',
      },
      ['PORT', 'AFILIADOS_URL', 'COMMAND_STATUS_WINDOW_MS', 'PULSAR_CLIENT', 'AUTH_ISSUER', 'SUBGRAPH_IDENTITY_SECRET'],
    ],
  ] as const)('%s exits 1 naming every invalid variable in one message', async (name, env, named) => {
    const managed = startService(name, env);
    const exit = await exitOf(managed);
    expect(exit.code, managed.describe()).toBe(1);
    expect(managed.output().match(/invalid configuration/g), managed.output()).toHaveLength(1);
    const message = configurationMessage(managed.output(), name);
    const listed = message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, '').split(':')[0]);
    expect(listed.sort()).toEqual([...named].sort());
  });
});

describe('a subgraph started on a database with pending migrations', () => {
  let databases: FreshDatabases;
  beforeAll(async () => {
    databases = await createFreshDatabases(undefined, 'e2e_config');
  });
  afterAll(async () => {
    await databases?.drop();
  });

  it.each(SERVICE_DATABASES)('%s refuses to start and names the migration', async (service) => {
    const port = await freePort();
    const managed = startService(service, { PORT: String(port), [databaseUrlEnvName(service)]: databases.urls[service], AUTH_JWT_SECRET: TEST_SECRET });
    const exit = await exitOf(managed);
    expect(exit.code, managed.describe()).toBe(1);
    const migrations = readdirSync(join(REPO_ROOT, 'prisma', service, 'migrations'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) expect(managed.output()).toContain(migration);
    expect(managed.output()).toMatch(/pending migration\(s\).*npm run db:migrate.*MIGRATE_ON_START=true/s);
  });

  it('with MIGRATE_ON_START=true the same process applies them, becomes ready, and stops with exit 0 on SIGTERM', async () => {
    const port = await freePort();
    const marketing = startService('marketing', {
      PORT: String(port),
      MARKETING_DATABASE_URL: databases.urls.marketing,
      MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'info',
      AUTH_JWT_SECRET: TEST_SECRET,
    });
    try {
      await marketing.waitForReady(`http://127.0.0.1:${port}/ready`);
      const signalledAt = Date.now();
      marketing.signal('SIGTERM');
      const exit = await exitOf(marketing);
      expect(exit.code, marketing.describe()).toBe(0);
      expect(exit.at - signalledAt).toBeLessThan(20_000);
      expect(marketing.output()).toContain('marketing: stopped');
    } finally {
      marketing.kill();
    }
  });
});

// ---------- docker-compose.yml ----------

interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target: number; published?: number | string })[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  stop_grace_period?: string;
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const SUBGRAPHS = ['afiliados', 'conversiones', 'marketing'] as const;
const PROCESSES = [...SUBGRAPHS, 'gateway'] as const;

function environmentOf(name: string): Record<string, string> {
  const environment = services[name]?.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(environment).flatMap(([key, value]) => (value === null || value === undefined ? [] : [[key, String(value)]])));
}

/** What the process's own start-up validation says about an environment: its parsed config, or the problems. */
function validate(name: (typeof PROCESSES)[number], environment: Record<string, string>) {
  const busProblems = busConfigFromEnv(environment).problems;
  try {
    // the same checks each process's main.ts runs
    const config =
      name === 'gateway'
        ? loadProcessConfig('gateway', gatewayConfigSchema, [...busProblems, ...gatewayAuthEnvironmentProblems(environment)], environment)
        : // The default port is irrelevant: compose must set PORT (checked below).
          loadProcessConfig(name, subgraphProcessConfigSchema(name, 0), [...busProblems, ...subgraphIdentityProblems(environment)], environment);
    return { config: config as Record<string, unknown>, problems: [] as string[] };
  } catch (error) {
    if (error instanceof ConfigurationError) return { config: undefined, problems: error.problems };
    throw error;
  }
}

function dependenciesOf(name: string): Record<string, string | undefined> {
  const dependsOn = services[name]?.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((dependency) => [dependency, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([dependency, settings]) => [dependency, settings?.condition]));
}

/** Compose durations: "25s", "1m30s", "500ms"; docker's default stop grace period is 10 s. */
function durationMs(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001 };
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)) total += Number(amount) * units[unit!]!;
  return total;
}

describe('docker-compose.yml satisfies what each process validates at start', () => {
  it.each(PROCESSES)('%s: its environment passes its own config validation, with BUS=pulsar', (name) => {
    const environment = environmentOf(name);
    const { config, problems } = validate(name, environment);
    expect(problems).toEqual([]);
    expect(environment.PORT, 'PORT must be set explicitly').toBeDefined();
    expect(config!.PORT).toBe(Number(environment.PORT));
    // Separate processes only meet on a shared broker: the in-process bus would silently split the system.
    expect(busConfigFromEnv(environment).config.transport).toBe('pulsar');
  });

  it.each(PROCESSES)('%s: publishes its PORT, has a /ready healthcheck, and a stop grace period above its shutdown bound', (name) => {
    const service = services[name]!;
    const port = Number(environmentOf(name).PORT);
    const containerPorts = (service.ports ?? []).map((mapping) =>
      typeof mapping === 'string' ? Number(mapping.split(':').at(-1)!.split('/')[0]) : mapping.target,
    );
    expect(containerPorts).toContain(port);
    const test = [service.healthcheck?.test ?? []].flat().join(' ');
    expect(service.healthcheck?.disable).not.toBe(true);
    expect(test).toContain('/ready');
    const shutdownTimeoutMs = validate(name, environmentOf(name)).config!.SHUTDOWN_TIMEOUT_MS as number;
    expect(durationMs(service.stop_grace_period), `stop_grace_period must exceed SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs} ms)`).toBeGreaterThan(
      shutdownTimeoutMs,
    );
  });

  it.each(PROCESSES)('%s: starts with npm run start -w <workspace>, whose script execs node (docker stop’s SIGTERM reaches the service)', (name) => {
    const workspace = name === 'gateway' ? 'gateway' : `subgraphs/${name}`;
    expect(services[name]!.command).toEqual(['npm', 'run', 'start', '-w', workspace]);
    const script = (JSON.parse(readFileSync(join(REPO_ROOT, workspace, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    expect(script).toMatch(/^exec node /);
  });

  it.each(PROCESSES)('%s: waits for healthy dependencies (migrate: completed successfully), each of which has a healthcheck', (name) => {
    const dependencies = dependenciesOf(name);
    expect(Object.keys(dependencies).length).toBeGreaterThan(0);
    for (const [dependency, condition] of Object.entries(dependencies)) {
      expect(services[dependency], `${name} depends on a service that does not exist: ${dependency}`).toBeDefined();
      if (dependency === 'migrate') {
        expect(condition).toBe('service_completed_successfully');
      } else {
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(services[dependency]!.healthcheck?.test, `${dependency} has no healthcheck`).toBeDefined();
      }
    }
    const expected = name === 'gateway' ? [...SUBGRAPHS, 'pulsar'] : ['migrate', 'postgres', 'pulsar'];
    expect(Object.keys(dependencies).sort()).toEqual(expect.arrayContaining(expected.sort()));
  });

  it.each(SUBGRAPHS)('%s: uses the database that migrate migrates and that postgres-init.sql creates', (name) => {
    const variable = databaseUrlEnvName(name);
    const url = environmentOf(name)[variable]!;
    expect(environmentOf('migrate')[variable]).toBe(url);
    expect(new URL(url).hostname).toBe('postgres');
    const database = new URL(url).pathname.slice(1);
    expect(readFileSync(join(REPO_ROOT, 'docker', 'postgres-init.sql'), 'utf8')).toMatch(new RegExp(`CREATE DATABASE ${database};`));
  });

  it('migrate runs npm run db:migrate with every service database URL', () => {
    expect(services.migrate!.command).toEqual(['npm', 'run', 'db:migrate']);
    for (const service of SERVICE_DATABASES) expect(environmentOf('migrate')[databaseUrlEnvName(service)]).toMatch(/^postgres(ql)?:\/\/postgres[:@]/);
  });

  it('the gateway composes the subgraphs at the address and port each one serves', () => {
    const environment = environmentOf('gateway');
    for (const subgraph of SUBGRAPHS) {
      expect(environment[`${subgraph.toUpperCase()}_URL`]).toBe(`http://${subgraph}:${environmentOf(subgraph).PORT}/graphql`);
    }
  });

  it('every process reaches the pulsar service on the ports it serves', () => {
    const pulsarPorts = (services.pulsar!.ports ?? []).map((mapping) => String(mapping).split(':').at(-1));
    for (const name of PROCESSES) {
      const bus = busConfigFromEnv(environmentOf(name)).config;
      if (bus.transport !== 'pulsar') throw new Error(`${name} is not on pulsar`);
      expect(new URL(bus.webUrl).hostname).toBe('pulsar');
      expect(new URL(bus.serviceUrl).hostname).toBe('pulsar');
      expect(pulsarPorts).toContain(new URL(bus.webUrl).port || '80');
      expect(pulsarPorts).toContain(new URL(bus.serviceUrl).port);
    }
  });

  it('the pulsar image is the version pulsar/pom.xml resolves for the local broker', () => {
    const pom = readFileSync(join(REPO_ROOT, 'pulsar', 'pom.xml'), 'utf8');
    const version = /<pulsar\.version>([^<]+)<\/pulsar\.version>/.exec(pom)?.[1];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(services.pulsar!.image).toBe(`apachepulsar/pulsar:${version}`);
  });
});
