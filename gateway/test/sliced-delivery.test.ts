import { describe, expect, it } from 'vitest';
import { SharedPayload } from '../src/subscriptions/shared-payload.js';
import { SlicedDelivery } from '../src/subscriptions/sliced-delivery.js';

interface Member {
  joinedAfter: number;
  got: string[];
}

function membersOf(count: number, joinedAfter = 0): Member[] {
  return Array.from({ length: count }, () => ({ joinedAfter, got: [] }));
}

function deliveryTo(members: Member[], deliveriesPerSlice: number) {
  const remembered: string[] = [];
  const delivery = new SlicedDelivery<Member>({
    members: () => members,
    wants: (member, { sequence }) => sequence === undefined || sequence > member.joinedAfter,
    deliver: (member, payload) => member.got.push(payload.json),
    delivering: ({ payload }) => remembered.push(payload.json),
    deliveriesPerSlice,
  });
  return { delivery, remembered };
}

describe('SlicedDelivery: a batch of events to many members, a slice of members per macrotask', () => {
  it('gives every member every payload once, in order, including payloads queued while it delivers', async () => {
    const members = membersOf(1_000);
    const { delivery, remembered } = deliveryTo(members, 500);
    for (let event = 1; event <= 6; event += 1) delivery.push({ payload: new SharedPayload(`e${event}`), sequence: event });
    setImmediate(() => delivery.push({ payload: new SharedPayload('e7'), sequence: 7 }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await delivery.drained();
    const expected = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'];
    for (const member of members) expect(member.got).toEqual(expected);
    expect(remembered).toEqual(expected);
  });

  it('lets other work run between slices instead of holding the event loop for the whole batch', async () => {
    const members = membersOf(1_000);
    const { delivery } = deliveryTo(members, 500);
    for (let event = 1; event <= 6; event += 1) delivery.push({ payload: new SharedPayload(`e${event}`), sequence: event });
    // 6 events × 1,000 members at 500 deliveries a slice: 12 slices; a macrotask queued meanwhile runs before the last
    const progressSeen: number[] = [];
    const sample = () => {
      progressSeen.push(members.filter((member) => member.got.length === 6).length);
      if (progressSeen.at(-1)! < members.length) setImmediate(sample);
    };
    setImmediate(sample);
    await delivery.drained();
    expect(progressSeen.some((done) => done > 0 && done < members.length)).toBe(true);
  });

  it('skips members that joined after the event', async () => {
    const [early, late] = [...membersOf(1, 0), ...membersOf(1, 2)];
    const { delivery } = deliveryTo([early!, late!], 500);
    for (let event = 1; event <= 3; event += 1) delivery.push({ payload: new SharedPayload(`e${event}`), sequence: event });
    await new Promise((resolve) => setImmediate(resolve));
    await delivery.drained();
    expect(early!.got).toEqual(['e1', 'e2', 'e3']);
    expect(late!.got).toEqual(['e3']);
  });
});
