import type { TypedEnvelope } from '@alpes/contracts';
import type { EntityRef } from './dependencies.js';

/** The payload keys of the contracts' snapshots (packages/contracts events/snapshots.ts) and the types they are. */
const ENTITY_OF: Readonly<Record<string, string>> = { afiliado: 'Afiliado', campana: 'Campana', comision: 'Comision', conversion: 'Conversion' };

/** What an event changes, for the cache. */
export interface EventEntities {
  /** The entities the event is about (its snapshots): they, and every root fetch of their types, are invalidated. */
  changed: EntityRef[];
  /**
   * Entities the changed ones point at (`afiliadoId`, `campanaIds`, `conversionId`…): their cached entity fetches are
   * invalidated too, because their relations (Afiliado.comisiones, Campana.conversiones, Conversion.comision…) list or
   * count the changed entity, and a fetch of those relations need not name it (`comisiones { totalCount }`).
   */
  referenced: EntityRef[];
}

/**
 * Reads the entities out of a domain event: each payload key that is a snapshot (`{ campana: { id, … } }`) and, inside
 * it and at the top of the payload, each `<entity>Id` / `<entity>Ids` reference. Events outside the domain (command
 * outcomes) change no entity.
 */
export function entitiesOfEvent(envelope: Pick<TypedEnvelope, 'payload'>): EventEntities {
  const changed: EntityRef[] = [];
  const referenced: EntityRef[] = [];
  const payload = envelope.payload as Record<string, unknown> | null;
  if (typeof payload !== 'object' || payload === null) return { changed, referenced };
  for (const [key, value] of Object.entries(payload)) {
    const typename = ENTITY_OF[key];
    if (typename && typeof value === 'object' && value !== null) {
      const snapshot = value as Record<string, unknown>;
      if (typeof snapshot.id === 'string') changed.push({ typename, id: snapshot.id });
      collectReferences(snapshot, referenced);
    }
  }
  collectReferences(payload, referenced);
  return { changed, referenced };
}

function collectReferences(record: Record<string, unknown>, into: EntityRef[]): void {
  for (const [key, value] of Object.entries(record)) {
    const single = /^([a-z]+)Id$/.exec(key);
    const many = /^([a-z]+)Ids$/.exec(key);
    const typename = ENTITY_OF[(single ?? many)?.[1] ?? ''];
    if (!typename) continue;
    if (single && typeof value === 'string') into.push({ typename, id: value });
    if (many && Array.isArray(value)) for (const id of value) if (typeof id === 'string') into.push({ typename, id });
  }
}
