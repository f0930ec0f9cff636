/**
 * A strict reader of Prometheus' text exposition format (0.0.4): every sample must belong to a family declared by
 * `# TYPE`, with a valid name, well-formed labels and a numeric value; anything else throws naming the line.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/;
const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const help = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    const where = `line ${index + 1}: ${line}`;
    if (line.trim() === '') return;
    if (line.startsWith('# HELP ')) {
      const [, name = '', ...rest] = line.split(' ').slice(1);
      help.set(name, rest.join(' '));
      return;
    }
    if (line.startsWith('# TYPE ')) {
      const [name = '', type = ''] = line.slice(7).split(' ');
      if (!NAME.test(name) || !(type in SUFFIXES)) throw new Error(`bad TYPE, ${where}`);
      if (families.has(name)) throw new Error(`family declared twice, ${where}`);
      families.set(name, { name, type: type as MetricType, help: help.get(name) ?? '', samples: [] });
      return;
    }
    if (line.startsWith('#')) return;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`bad sample, ${where}`);
    const [, name = '', , labelText = '', valueText = ''] = match;
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    // NaN in any case, as Prometheus's own parser reads it (prom-client writes an unsampled gauge as `Nan`)
    if (Number.isNaN(value) && !/^nan$/i.test(valueText)) throw new Error(`bad value, ${where}`);
    const labels: Record<string, string> = {};
    let rest = labelText;
    while (rest.trim() !== '') {
      const label = LABEL.exec(rest);
      if (!label) throw new Error(`bad labels, ${where}`);
      labels[label[1]!] = label[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      rest = rest.slice(label[0].length);
    }
    const family = [...families.values()].find((candidate) => SUFFIXES[candidate.type].some((suffix) => candidate.name + suffix === name));
    if (!family) throw new Error(`sample of an undeclared family, ${where}`);
    family.samples.push({ name, labels, value });
  });
  return families;
}

/** The sum of the samples `name` whose labels include `labels` (0 when none: a counter not yet incremented). */
export function valueOf(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name !== name) continue;
      if (Object.entries(labels).every(([label, value]) => sample.labels[label] === value)) total += sample.value;
    }
  }
  return total;
}

export async function scrape(baseUrl: string): Promise<Map<string, Family>> {
  const response = await fetch(new URL('/metrics', baseUrl));
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered HTTP ${response.status}`);
  if (!response.headers.get('content-type')?.startsWith('text/plain')) throw new Error(`unexpected content type ${response.headers.get('content-type')}`);
  return parsePrometheusText(await response.text());
}

/** Polls an asynchronous condition every 50 ms until it holds; fails after `timeoutMs`. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
