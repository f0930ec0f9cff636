/**
 * Keeps the operation_name label low-cardinality: the first `limit` distinct names seen are kept, every later
 * one is counted as `other`; an operation without a name is `anonymous`, one that did not parse or validate
 * `unknown` (a client cannot mint label values with invalid documents).
 */
export class OperationNameBuckets {
  readonly #known = new Set<string>();

  constructor(private readonly limit = 100) {}

  label(name: string | null | undefined, resolved: boolean): string {
    if (!resolved) return 'unknown';
    if (!name) return 'anonymous';
    if (this.#known.has(name)) return name;
    if (this.#known.size >= this.limit) return 'other';
    this.#known.add(name);
    return name;
  }
}
