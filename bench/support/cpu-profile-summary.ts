// Where a process's CPU went during a profiled load window (a .cpuprofile from profile-on-signal.mjs), per request:
// self time per component (package, Node module, our workspace folder) and inclusive time of landmark functions
// (Apollo Server's pipeline, parse, validate, the gateway's executor phases, the fetcher, Prisma, pg…).
//   npx tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> <requests|deliveries> [CPU ms per one] [request|delivery]
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The component a frame's own time is charged to. */
export function componentOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `V8 builtin ${functionName || '(anonymous)'}`;
  if (url.startsWith('wasm://')) return 'wasm (undici llhttp / Prisma query compiler)';
  if (url.startsWith('node:')) {
    const module = url.slice(5);
    if (module.includes('undici')) return 'node: undici (fetch)';
    if (module.includes('webstreams')) return 'node: webstreams (fetch bodies)';
    if (/_http_|http_parser|internal\/http/.test(module)) return 'node: http';
    if (/streams|stream_base/.test(module)) return 'node: streams';
    if (/^net$|internal\/net|dns|tcp/.test(module)) return 'node: net';
    if (/async_hooks|async_context|async_local/.test(module)) return 'node: async_hooks';
    if (/timers|process\/task_queues/.test(module)) return 'node: timers / microtasks';
    return `node: ${module.replace(/^internal\//, '')}`;
  }
  const nodeModules = url.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) {
    const rest = url.slice(nodeModules + '/node_modules/'.length).split('/');
    const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    const inside = rest.slice(name.includes('/') ? 2 : 1);
    if (name === 'graphql') return `graphql/${inside[0]}`;
    if (name === '@apollo/gateway' || name === '@apollo/server' || name === '@apollo/federation-internals' || name === '@apollo/query-planner')
      return `${name} ${inside.slice(1).join('/').replace(/\.js$/, '')}`;
    return name;
  }
  const ours = /\/(gateway\/src|gateway\/dist|packages\/[^/]+|subgraphs\/[^/]+|bench)\//.exec(url);
  if (ours) return url.includes('/generated/prisma/') ? 'prisma generated client' : `ours: ${ours[1]}`;
  return url;
}

/** Components grouped into the layers the diagnosis talks about (first match wins). */
export const BUCKETS: [string, RegExp][] = [
  [
    'socket I/O syscalls (writev, read…)',
    /^V8 builtin (writev|writeBuffer|writeUtf8String|writeLatin1String|readStart|onStreamRead|WriteWrap|setNoDelay|close)$/,
  ],
  ['garbage collector', /^\(garbage collector\)$/],
  [
    'HTTP server + express (body parsing, routing)',
    /^(node: http|express|router|body-parser|raw-body|@as-integrations\/express5|negotiator|content-type|type-is|media-typer|mime-types|finalhandler|on-finished|send|accepts|vary|qs|iconv-lite|http-errors|depd|ours: packages\/platform)$/,
  ],
  [
    'Apollo Server (request pipeline, plugins, HTTP glue)',
    /^(@apollo\/server|@apollo\/utils|@apollo\/usage-reporting|@apollo\/cache-control|@apollo\/server-gateway-interface|lru-cache|@graphql-tools)/,
  ],
  ['graphql-js (parse, validate, execute)', /^graphql\//],
  ['@apollo/gateway executor', /^@apollo\/gateway (?!datasources)/],
  ['federation-internals / query planner', /^(@apollo\/federation-internals|@apollo\/query-planner|@apollo\/query-graphs)/],
  [
    'subgraph fetcher (RemoteGraphQLDataSource + HTTP client)',
    /^(@apollo\/gateway datasources|node: undici|make-fetch-happen|minipass|agent-base|@npmcli\/agent|node-fetch|http-cache-semantics|cacache|socks|ip-address|whatwg-|@apollo\/utils\.fetcher|node: webstreams|node: worker\/js_transferable|node: abort_controller|node: event_target|wasm)/,
  ],
  ['@apollo/subgraph', /^@apollo\/subgraph/],
  ['Prisma (client runtime, query compiler, adapter)', /^(@prisma\/|prisma generated client)/],
  ['pg driver', /^(pg|pg-protocol|pg-pool|pg-types|postgres-|pgpass|pg-connection-string|pg-int8)$/],
  ['DataLoader', /^dataloader$/],
  ['graphql-ws + ws', /^(graphql-ws|ws)$/],
  ['our code', /^ours: /],
  ['Node internals (streams, events, timers, microtasks, buffers, net)', /^(node: |V8 builtin |\(program\))/],
];

export function bucketOf(component: string): string {
  return BUCKETS.find(([, pattern]) => pattern.test(component))?.[0] ?? 'other';
}

interface Landmark {
  label: string;
  matches: (frame: CallFrame) => boolean;
}
const fn =
  (name: string, urlPart = '') =>
  (frame: CallFrame) =>
    frame.functionName === name && frame.url.includes(urlPart);
const url = (part: string) => (frame: CallFrame) => frame.url.includes(part);

/** Inclusive time (everything under these frames), each sample counted once per landmark. */
export const LANDMARKS: Landmark[] = [
  { label: 'express (incl. everything it calls)', matches: url('/node_modules/express/') },
  { label: 'express.json body parser', matches: (frame) => frame.url.includes('/body-parser/') || frame.url.includes('/raw-body/') },
  { label: 'Apollo Server processGraphQLRequest', matches: fn('processGraphQLRequest') },
  { label: 'graphql parse', matches: fn('parse', 'graphql/language/parser') },
  { label: 'graphql validate', matches: fn('validate', 'graphql/validation/validate') },
  { label: 'graphql execute (subgraph resolvers incl.)', matches: fn('execute', 'graphql/execution/execute') },
  { label: 'gateway executeQueryPlan', matches: fn('executeQueryPlan', '@apollo/gateway') },
  { label: '  operationFromDocument (per request)', matches: fn('operationFromDocument', 'federation-internals') },
  { label: '  buildQueryPlan (plan cache misses)', matches: fn('buildQueryPlan') },
  { label: '  executeFetch', matches: fn('executeFetch', '@apollo/gateway') },
  { label: '  RemoteGraphQLDataSource', matches: url('RemoteGraphQLDataSource') },
  { label: '  computeResponse (result shaping)', matches: fn('computeResponse', '@apollo/gateway') },
  { label: '  executeSelectionSet (entity representations)', matches: fn('executeSelectionSet', '@apollo/gateway') },
  { label: 'fetch: undici (Node fetch)', matches: (frame) => frame.url.includes('undici') },
  { label: 'fetch: make-fetch-happen / minipass', matches: (frame) => /make-fetch-happen|minipass|node-fetch/.test(frame.url) },
  { label: 'JSON.parse', matches: (frame) => !frame.url && frame.functionName === 'parse' },
  { label: 'JSON.stringify', matches: (frame) => !frame.url && frame.functionName === 'stringify' },
  { label: 'DataLoader', matches: url('/dataloader/') },
  { label: 'Prisma client runtime (incl. adapter, pg)', matches: (frame) => frame.url.includes('@prisma/client') || frame.url.includes('/generated/prisma/') },
  { label: 'wasm (undici llhttp in a gateway; Prisma query compiler in subgraphs)', matches: (frame) => frame.url.startsWith('wasm://') },
  { label: 'Prisma adapter-pg', matches: url('@prisma/adapter-pg') },
  { label: 'pg driver (pg, pg-protocol)', matches: (frame) => /\/node_modules\/pg(-protocol|-pool|-types)?\//.test(frame.url) },
  { label: 'garbage collector', matches: fn('(garbage collector)') },
];

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  components: [string, number][];
  /** Self time per function (name, file:line). */
  functions: [string, number][];
  landmarks: [string, number][];
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((nodeId, index) => {
    const micros = profile.timeDeltas[index + 1] ?? 0; // a sample's weight: the time until the next one
    const node = byId.get(nodeId)!;
    const component = componentOf(node.callFrame);
    if (component === '(idle)') {
      idle += micros;
      return;
    }
    total += micros;
    self.set(component, (self.get(component) ?? 0) + micros);
    const { functionName, url: file, lineNumber } = node.callFrame;
    const where = `${functionName || '(anonymous)'} ${file.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|packages|subgraphs|bench)\//, '$1/')}:${lineNumber + 1}`;
    selfByFunction.set(where, (selfByFunction.get(where) ?? 0) + micros);
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      for (const landmark of LANDMARKS) if (!seen.has(landmark.label) && landmark.matches(frame)) seen.add(landmark.label);
    }
    for (const label of seen) inclusive.set(label, (inclusive.get(label) ?? 0) + micros);
  });
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    components: [...self.entries()].map(([name, micros]) => [name, micros / 1000] as [string, number]).sort((a, b) => b[1] - a[1]),
    functions: [...selfByFunction.entries()].map(([name, micros]) => [name, micros / 1000] as [string, number]).sort((a, b) => b[1] - a[1]),
    landmarks: LANDMARKS.map((landmark) => [landmark.label, (inclusive.get(landmark.label) ?? 0) / 1000] as [string, number]).filter(([, ms]) => ms > 0),
  };
}

/** What the figures are per: a request in ms, a subscription delivery in µs. */
export interface ProfileUnit {
  name: string;
  plural: string;
  /** Multiplier from ms. */
  factor: number;
  symbol: string;
}
export const PER_REQUEST: ProfileUnit = { name: 'request', plural: 'requests', factor: 1, symbol: 'ms' };
export const PER_DELIVERY: ProfileUnit = { name: 'delivery', plural: 'deliveries', factor: 1000, symbol: 'µs' };

/**
 * Per unit of work: with `cpuMsPerUnit` (measured from /proc over the same window) each item is its share of the
 * profile's busy samples times that CPU; without it, sample time / units (inflated when the process waited for a core).
 */
export function formatProfileSummary(title: string, summary: ProfileSummary, units: number, cpuMsPerUnit?: number, unit = PER_REQUEST, top = 24): string {
  const scale = (cpuMsPerUnit === undefined ? 1 / units : cpuMsPerUnit / Math.max(summary.totalMs, 1e-9)) * unit.factor;
  const perUnit = (ms: number) => (ms * scale).toFixed(3).padStart(8);
  const basis =
    cpuMsPerUnit === undefined
      ? `sample time / ${unit.plural}`
      : `profile shares × ${(cpuMsPerUnit * unit.factor).toFixed(2)} CPU ${unit.symbol}/${unit.name} from /proc`;
  const lines = [
    `${title}: ${summary.totalMs.toFixed(0)} ms of samples over ${units} ${unit.plural}, idle ${summary.idleMs.toFixed(0)} ms; ${unit.symbol}/${unit.name} = ${basis}`,
  ];
  const buckets = new Map<string, number>();
  for (const [name, ms] of summary.components) buckets.set(bucketOf(name), (buckets.get(bucketOf(name)) ?? 0) + ms);
  lines.push(`  self time by layer (${unit.symbol}/${unit.name}):`);
  for (const [name, ms] of [...buckets.entries()].sort((a, b) => b[1] - a[1])) lines.push(`    ${perUnit(ms)}  ${name}`);
  lines.push(`  self time by component (${unit.symbol}/${unit.name}):`);
  for (const [name, ms] of summary.components.slice(0, top)) lines.push(`    ${perUnit(ms)}  ${name}`);
  lines.push(`  self time by function, top ${Math.round(top / 2)} (${unit.symbol}/${unit.name}):`);
  for (const [name, ms] of summary.functions.slice(0, Math.round(top / 2))) lines.push(`    ${perUnit(ms)}  ${name}`);
  lines.push(`  inclusive landmarks (${unit.symbol}/${unit.name}):`);
  for (const [name, ms] of summary.landmarks) lines.push(`    ${perUnit(ms)}  ${name}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [file, requests, cpuMs, unitName] = process.argv.slice(2);
  if (!file || !requests) {
    console.error('usage: tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> <requests|deliveries> [CPU ms per one] [request|delivery]');
    process.exit(2);
  }
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  console.log(
    formatProfileSummary(file, summary, Number(requests), cpuMs ? Number(cpuMs) : undefined, unitName === 'delivery' ? PER_DELIVERY : PER_REQUEST, 40),
  );
}
