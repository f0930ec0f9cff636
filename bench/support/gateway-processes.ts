// The processes bench:query compares, each its own OS process group on a free port:
//   ours:  `npm run start -w gateway` with SUPERGRAPH_FILE (the production mode of our gateway: dist/main.mjs, built by
//          gateway/build.mjs as npm's prestart, run by plain node)
//   stock: a plain ApolloServer + ApolloGateway({ supergraphSdl }) from the same file (stock-gateway.mjs, plain node)
// Both get the same identity settings (bench-auth.ts): AUTH_PUBLIC_KEY_FILE to verify client tokens,
// SUBGRAPH_IDENTITY_SECRET to sign each subgraph request's identity.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acknowledgeEnforcedSecurityFeatures, composeSubgraphFiles, describeCompositionErrors } from '@alpes/gateway';
import { ManagedProcess, childEnvironment, freePort } from '@alpes/testing';
import { pidInGroup } from './cpu-meter.js';
import type { BenchAuth } from './bench-auth.js';
import type { StackInfo } from './stack-process.js';

/**
 * NODE_ENV of every process a bench starts (the stack, ours, stock): `production`, as the Docker image runs them
 * (Dockerfile: ENV NODE_ENV=production), the same for ours and stock. graphql-js skips its development-mode
 * instanceOf check then, Apollo Server leaves stack traces out of errors and turns introspection off.
 * BENCH_NODE_ENV=development measures the former setting (no NODE_ENV).
 */
export const BENCH_NODE_ENV = process.env.BENCH_NODE_ENV ?? 'production';
const nodeEnvironment = BENCH_NODE_ENV === 'development' ? {} : { NODE_ENV: BENCH_NODE_ENV };

/** The stack process's environment (stack-process.ts, forked with the bench's own environment). */
export function stackEnvironment(variables: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  delete inherited.NODE_ENV;
  return { ...inherited, ...nodeEnvironment, LOG_LEVEL: 'warn', ...variables };
}

export const PROFILE_PRELOAD = fileURLToPath(new URL('./profile-on-signal.mjs', import.meta.url));

/** Environment that makes a process profilable on SIGUSR2 (see profile-on-signal.mjs), when profiling. */
export function profilingEnvironment(profileDir: string | undefined, label: string): Record<string, string> {
  if (!profileDir) return {};
  const allocations: Record<string, string> = process.env.BENCH_ALLOC_PROF === '1' ? { BENCH_ALLOC_PROF: '1' } : {};
  return { NODE_OPTIONS: `--import ${PROFILE_PRELOAD}`, BENCH_CPU_PROF_DIR: profileDir, BENCH_PROCESS_LABEL: label, ...allocations };
}

export interface SupergraphFiles {
  /** As composed (what production deploys): ours reads it. */
  ours: string;
  /**
   * The same with `for: SECURITY` dropped from the @authenticated and @requiresScopes links: stock @apollo/gateway
   * refuses to serve a supergraph whose security features it cannot enforce. The subgraphs enforce those scopes on the
   * signed identity either way; ours also checks them at the gateway, stock does not.
   */
  stock: string;
}

/** The supergraph composed offline from the subgraphs' schema files, pointing at this stack's subgraphs. */
export function writeSupergraphFor(stack: StackInfo): SupergraphFiles {
  const composed = composeSubgraphFiles([
    { name: 'afiliados', url: stack.urls.afiliados },
    { name: 'conversiones', url: stack.urls.conversiones },
    { name: 'marketing', url: stack.urls.marketing },
  ]);
  if (composed.errors) throw new Error(`composition failed: ${describeCompositionErrors(composed).join('; ')}`);
  const directory = mkdtempSync(join(tmpdir(), 'alpes-bench-supergraph-'));
  const files = { ours: join(directory, 'supergraph.graphql'), stock: join(directory, 'supergraph-stock.graphql') };
  writeFileSync(files.ours, composed.supergraphSdl);
  writeFileSync(files.stock, acknowledgeEnforcedSecurityFeatures(composed.supergraphSdl));
  return files;
}

export interface GatewayProcess {
  name: string;
  url: string;
  managed: ManagedProcess;
  /** The process group (npm and its node, or node alone): its CPU is the gateway's. */
  groupId: number;
  /** The node process itself (signalled to profile). */
  nodePid: number;
}

/** What a gateway process needs to verify client tokens and sign subgraph identities (no private key). */
export type GatewayAuthEnvironment = Pick<BenchAuth['environment'], 'AUTH_PUBLIC_KEY_FILE' | 'SUBGRAPH_IDENTITY_SECRET'>;

const gatewayAuthEnvironment = ({ AUTH_PUBLIC_KEY_FILE, SUBGRAPH_IDENTITY_SECRET }: GatewayAuthEnvironment) => ({
  AUTH_PUBLIC_KEY_FILE,
  SUBGRAPH_IDENTITY_SECRET,
});

/**
 * `variant` names a second gateway of ours with other settings (e.g. bench:limits' LIMITS_ENABLED=false); its `entry`,
 * when given, is another copy of the gateway's main.ts (e.g. a previous commit's, to compare in the same run).
 */
export async function startOurGateway(
  supergraphFile: string,
  auth: GatewayAuthEnvironment,
  profileDir?: string,
  variant: { name: string; environment: Record<string, string>; entry?: string } = { name: 'ours (npm run start -w gateway)', environment: {} },
): Promise<GatewayProcess> {
  const port = await freePort();
  const managed = new ManagedProcess(
    'our gateway',
    variant.entry ? process.execPath : 'npm',
    variant.entry ? entryArguments(variant.entry) : ['run', 'start', '-w', 'gateway'],
    childEnvironment({
      PORT: String(port),
      SUPERGRAPH_FILE: supergraphFile,
      BUS: 'memory',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_SECOND: '0',
      ...nodeEnvironment,
      ...gatewayAuthEnvironment(auth),
      ...variant.environment,
      ...profilingEnvironment(profileDir, variant.name.split(' ')[0]!),
    }),
  ).start();
  await managed.waitForReady(`http://127.0.0.1:${port}/ready`);
  return describe(variant.name, `http://127.0.0.1:${port}/graphql`, managed, variant.entry?.endsWith('.ts') ? 'src/main.ts' : 'dist/main.mjs');
}

/**
 * Another commit's gateway: its src/main.ts through tsx, or its bundle (dist/main.mjs, built by that commit's
 * gateway/build.mjs) by plain node as `npm start` runs it, with the node flags of BENCH_OURS_BEFORE_NODE_FLAGS.
 */
function entryArguments(entry: string): string[] {
  if (entry.endsWith('.ts')) return ['--import', 'tsx', entry];
  return [...(process.env.BENCH_OURS_BEFORE_NODE_FLAGS ?? '').split(' ').filter(Boolean), entry];
}

const STOCK_SCRIPT = 'bench/support/stock-gateway.mjs';

export async function startStockGateway(supergraphFile: string, auth: GatewayAuthEnvironment, profileDir?: string): Promise<GatewayProcess> {
  return startPlainNodeGateway('stock @apollo/gateway', STOCK_SCRIPT, supergraphFile, 'stock', auth, {}, profileDir);
}

/** Experiments: the stock gateway with one change each (a script in bench/support/experiments/ or a setting), by BENCH_EXPERIMENTS name. */
export const EXPERIMENTS: Record<string, { title: string; script: string; environment?: Record<string, string> }> = {
  'lean-fetcher': { title: 'lean-fetcher (stock + node:http keep-alive fetcher; experiment)', script: 'bench/support/experiments/lean-fetcher-gateway.mjs' },
  'uncached-auth': {
    title: 'uncached-auth (stock verifying every token, signing every identity; experiment)',
    script: STOCK_SCRIPT,
    environment: { STOCK_AUTH_CACHE: 'off' },
  },
};

export function startExperimentGateway(name: string, supergraphFile: string, auth: GatewayAuthEnvironment, profileDir?: string): Promise<GatewayProcess> {
  const experiment = EXPERIMENTS[name];
  if (!experiment) throw new Error(`unknown experiment ${name}; known: ${Object.keys(EXPERIMENTS).join(', ')}`);
  return startPlainNodeGateway(experiment.title, experiment.script, supergraphFile, name, auth, experiment.environment ?? {}, profileDir);
}

async function startPlainNodeGateway(
  name: string,
  script: string,
  supergraphFile: string,
  label: string,
  auth: GatewayAuthEnvironment,
  environment: Record<string, string>,
  profileDir?: string,
): Promise<GatewayProcess> {
  const port = await freePort();
  const managed = new ManagedProcess(
    name,
    process.execPath,
    [script],
    childEnvironment({
      PORT: String(port),
      SUPERGRAPH_FILE: supergraphFile,
      ...nodeEnvironment,
      ...gatewayAuthEnvironment(auth),
      ...environment,
      ...profilingEnvironment(profileDir, label),
    }),
  ).start();
  await managed.waitForOutput('stock gateway ready', 90_000);
  return describe(name, `http://127.0.0.1:${port}/`, managed, script.split('/').pop()!);
}

function describe(name: string, url: string, managed: ManagedProcess, script: string): GatewayProcess {
  const groupId = managed.pid!;
  const nodePid = pidInGroup(groupId, script);
  if (!nodePid) throw new Error(`${name}: no node process running ${script} in group ${groupId}`);
  return { name, url, managed, groupId, nodePid };
}
