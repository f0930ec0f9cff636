import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders keyed by their arguments: Afiliado.conversiones(first: 3) and
 * Afiliado.conversiones(first: 10) batch separately, each into one statement.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<Value>(key: string, batch: (ids: readonly string[]) => Promise<Value[]>): DataLoader<string, Value> {
    let loader = this.loaders.get(key) as DataLoader<string, Value> | undefined;
    if (!loader) {
      loader = new DataLoader<string, Value>(batch);
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

/** Orders batch results to match the requested ids (DataLoader's contract). */
export function groupByKey<Row>(ids: readonly string[], rows: Row[], keyOf: (row: Row) => string): Row[][] {
  const groups = new Map<string, Row[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}

export function indexByKey<Row>(ids: readonly string[], rows: Row[], keyOf: (row: Row) => string): (Row | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return ids.map((id) => byKey.get(id) ?? null);
}
