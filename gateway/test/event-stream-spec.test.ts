// The event subscription specs are typed against packages/contracts: a typo in a filter, an event type of another
// topic or an entity the topic's events do not carry fails `npm run typecheck` (the @ts-expect-error lines below
// would then be unused, which is itself an error). The runtime half checks that the specs in use are well formed.
import { TOPICS } from '@alpes/contracts';
import { SCOPES } from '@alpes/security';
import { describe, expect, it } from 'vitest';
import { eventStream } from '../src/subscriptions/event-stream-spec.js';
import { EVENT_STREAMS } from '../src/subscriptions/event-streams.js';

const base = { topic: TOPICS.comisionesEventos, entityField: 'comision', readScope: SCOPES.comisionesRead, afiliadosOf: () => [] } as const;

/** Never called: its body is checked by the compiler only. */
export function refusedAtTypecheck() {
  // @ts-expect-error a typo in a snapshot property
  eventStream({ ...base, filters: { afiliadoId: 'afiliadoID' } });
  // @ts-expect-error an event type of another topic
  eventStream({ ...base, types: ['CampanaCreada'], filters: {} });
  // @ts-expect-error an entity the topic's events do not carry
  eventStream({ ...base, entityField: 'campana', filters: {} });
}

describe('event subscription specs', () => {
  it('accept a filter on a property the snapshot has', () => {
    expect(eventStream({ ...base, filters: { afiliadoId: 'afiliadoId' } }).filters).toEqual({ afiliadoId: 'afiliadoId' });
  });

  it('every stream in use filters on properties its snapshot has', () => {
    for (const spec of Object.values(EVENT_STREAMS)) {
      for (const property of Object.values(spec.filters)) expect(['id', 'afiliadoId', 'campanaId']).toContain(property);
    }
  });
});
