// Where per-subscriber memory goes: two V8 heap snapshots of the same process (before the clients connect, and with
// them idle) summed by class (an object's constructor name, or the node type for strings, arrays, closures, code…),
// and the growth per subscriber printed, largest first (bench:subscriptions --heap-snapshot).
import { readFileSync } from 'node:fs';

interface SnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface ClassTotals {
  count: number;
  bytes: number;
}

/** Self size and count of every live node by class. */
export function heapByClass(path: string): Map<string, ClassTotals> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as SnapshotFile;
  const fields = file.snapshot.meta.node_fields;
  const typeNames = file.snapshot.meta.node_types[0];
  const stride = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
  const totals = new Map<string, ClassTotals>();
  for (let offset = 0; offset < file.nodes.length; offset += stride) {
    const type = typeNames[file.nodes[offset + typeAt]!]!;
    const name = file.strings[file.nodes[offset + nameAt]!]!;
    const key = type === 'object' || type === 'closure' ? `${type === 'closure' ? 'closure ' : ''}${name}` : `(${type})`;
    const entry = totals.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += file.nodes[offset + sizeAt]!;
    totals.set(key, entry);
  }
  return totals;
}

/** Prints the classes that grew most between the two snapshots, per subscriber, under `title`. */
export function printHeapGrowth(beforePath: string, idlePath: string, subscribers: number, title: string, top = 30): void {
  const before = heapByClass(beforePath);
  const idle = heapByClass(idlePath);
  const growth = [...idle].map(([key, totals]) => {
    const earlier = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: totals.count - earlier.count, bytes: totals.bytes - earlier.bytes };
  });
  growth.sort((a, b) => b.bytes - a.bytes);
  const total = growth.reduce((sum, entry) => sum + entry.bytes, 0);
  console.log(`${title}, per subscriber (self sizes, ${subscribers.toLocaleString('en-US')} subscribers): ${(total / subscribers).toFixed(0)} B in all`);
  for (const entry of growth.slice(0, top))
    console.log(`  ${(entry.bytes / subscribers).toFixed(0).padStart(6)} B  ${(entry.count / subscribers).toFixed(2).padStart(6)} objects  ${entry.key}`);
}
