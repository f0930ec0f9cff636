// What a process allocated during a profiled load window (a .heapprofile from profile-on-signal.mjs with
// BENCH_ALLOC_PROF=1: V8's sampling heap profiler, collected objects included), per request: bytes by layer and by
// function. Allocation drives the young-generation collections whose pauses every request in flight waits out.
//   npx tsx bench/support/allocation-profile-summary.ts <file.heapprofile> <requests>
import { readFileSync } from 'node:fs';
import { bucketOf, componentOf } from './cpu-profile-summary.js';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}
interface SamplingHeapProfile {
  head: HeapNode;
}

export interface AllocationSummary {
  totalBytes: number;
  byLayer: Map<string, number>;
  byFunction: Map<string, number>;
}

export function summariseAllocations(profile: SamplingHeapProfile): AllocationSummary {
  const summary: AllocationSummary = { totalBytes: 0, byLayer: new Map(), byFunction: new Map() };
  const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
  const pending = [profile.head];
  for (let node = pending.pop(); node; node = pending.pop()) {
    pending.push(...node.children);
    if (node.selfSize === 0) continue;
    const component = componentOf(node.callFrame);
    const { functionName, lineNumber } = node.callFrame;
    summary.totalBytes += node.selfSize;
    add(summary.byLayer, bucketOf(component), node.selfSize);
    add(summary.byFunction, `${functionName || '(anonymous)'} [${component}:${lineNumber + 1}]`, node.selfSize);
  }
  return summary;
}

export function formatAllocationSummary(title: string, summary: AllocationSummary, requests: number, top = 20): string {
  const kb = (bytes: number) => (bytes / requests / 1024).toFixed(1).padStart(8);
  const share = (bytes: number) => `${((100 * bytes) / summary.totalBytes).toFixed(1).padStart(5)} %`;
  const rows = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, bytes]) => `  ${kb(bytes)} KB ${share(bytes)}  ${name}`);
  return [
    `${title}: ${kb(summary.totalBytes).trim()} KB allocated per request (${requests} requests)`,
    ' by layer:',
    ...rows(summary.byLayer, 12),
    ` top ${top} functions by bytes allocated in them:`,
    ...rows(summary.byFunction, top),
  ].join('\n');
}

if (process.argv[1]?.endsWith('allocation-profile-summary.ts')) {
  const [file, requests] = process.argv.slice(2);
  if (!file || !Number(requests)) {
    console.error('usage: tsx bench/support/allocation-profile-summary.ts <file.heapprofile> <requests>');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as SamplingHeapProfile;
  console.log(formatAllocationSummary(file, summariseAllocations(profile), Number(requests)));
}
