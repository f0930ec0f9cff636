import { MemoryBus } from '@alpes/messaging';
import { createLogger } from '@alpes/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEventoId } from '../src/subscriptions/event-cursor.js';
import { EventHub, type EventSink, type HubEvent } from '../src/subscriptions/event-hub.js';
import { COMISIONES, comisionCalculada, publish, until } from './support/envelopes.js';

let bus: MemoryBus;
let hub: EventHub;

beforeEach(() => {
  bus = new MemoryBus();
  hub = new EventHub(bus, createLogger('test'));
});
afterEach(async () => {
  await hub.close();
  await bus.close();
});

function recordingSink(accepts: (event: HubEvent) => boolean = () => true) {
  const received: HubEvent[] = [];
  let closed = false;
  const sink: EventSink = { accepts, push: (event) => void received.push(event), close: () => void (closed = true) };
  return { sink, received, isClosed: () => closed };
}

describe('EventHub: one bus reader per topic, fanned out to every client', () => {
  it('opens one shared reader for 5 clients of a topic and closes it when the last leaves', async () => {
    const clients = Array.from({ length: 5 }, () => recordingSink());
    const leaves = await Promise.all(clients.map(({ sink }) => hub.join(COMISIONES, sink)));
    expect(hub.activeReaders()).toBe(1);
    await publish(bus, COMISIONES, comisionCalculada());
    await until(() => clients.every(({ received }) => received.length === 1));
    for (const leave of leaves.slice(0, 4)) await leave();
    expect(hub.activeReaders()).toBe(1);
    await leaves[4]!();
    expect(hub.activeReaders()).toBe(0);
  });

  it('starts from latest: a new client sees nothing published before it joined', async () => {
    await publish(bus, COMISIONES, comisionCalculada());
    const client = recordingSink();
    await hub.join(COMISIONES, client.sink);
    const later = comisionCalculada();
    await publish(bus, COMISIONES, later);
    await until(() => client.received.length > 0);
    expect(client.received.map((event) => event.envelope.id)).toEqual([later.id]);
  });

  it('drops a duplicate envelope, skips unparseable messages, and filters per client', async () => {
    const all = recordingSink();
    const none = recordingSink(() => false);
    await hub.join(COMISIONES, all.sink);
    await hub.join(COMISIONES, none.sink);
    const event = comisionCalculada();
    await publish(bus, COMISIONES, event);
    await bus.publish(COMISIONES, { key: 'x', body: '{not json' });
    await publish(bus, COMISIONES, event);
    const last = comisionCalculada();
    const lastMessageId = await publish(bus, COMISIONES, last);
    await until(() => all.received.length === 2);
    expect(all.received.map((received) => received.envelope.id)).toEqual([event.id, last.id]);
    expect(decodeEventoId(all.received[1]!.eventoId)).toEqual({ topic: COMISIONES, messageId: lastMessageId });
    expect(none.received).toEqual([]);
  });

  it('replays strictly after a message through a dedicated reader, then follows live', async () => {
    const before = await publish(bus, COMISIONES, comisionCalculada());
    const replayed = comisionCalculada();
    await publish(bus, COMISIONES, replayed);
    const client = recordingSink();
    const leave = await hub.replay(COMISIONES, { from: 'after-message', messageId: before }, client.sink);
    const live = comisionCalculada();
    await publish(bus, COMISIONES, live);
    await until(() => client.received.length === 2);
    expect(client.received.map((event) => event.envelope.id)).toEqual([replayed.id, live.id]);
    expect(hub.activeReaders()).toBe(1);
    await leave();
    expect(hub.activeReaders()).toBe(0);
  });

  it("a replay's reader waits for what its sink returns (backpressure); a shared reader never waits for one sink", async () => {
    for (let index = 0; index < 3; index += 1) await publish(bus, COMISIONES, comisionCalculada());
    const gates: (() => void)[] = [];
    const received: HubEvent[] = [];
    const slow: EventSink = {
      accepts: () => true,
      push: (event) => {
        received.push(event);
        return new Promise<void>((resolve) => gates.push(resolve));
      },
      close: () => undefined,
    };
    await hub.replay(COMISIONES, { from: 'earliest' }, slow);
    await until(() => received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toHaveLength(1); // the reader holds the next message until the sink has room
    gates.shift()!();
    await until(() => received.length === 2);
    gates.shift()!();
    await until(() => received.length === 3);

    const fast = recordingSink();
    await hub.join(COMISIONES, { ...slow, push: (event) => (received.push(event), new Promise<void>(() => undefined)) });
    await hub.join(COMISIONES, fast.sink);
    for (let index = 0; index < 2; index += 1) await publish(bus, COMISIONES, comisionCalculada());
    await until(() => fast.received.length === 2); // the shared reader went on past a sink that never has room
    gates.splice(0).forEach((open) => open());
  });

  it('tells every client and closes every reader when it closes', async () => {
    const shared = recordingSink();
    const dedicated = recordingSink();
    await hub.join(COMISIONES, shared.sink);
    await hub.replay(COMISIONES, { from: 'earliest' }, dedicated.sink);
    expect(hub.activeReaders()).toBe(2);
    await hub.close();
    expect(hub.activeReaders()).toBe(0);
    expect(shared.isClosed() && dedicated.isClosed()).toBe(true);
  });
});

describe('EventHub.observe: the gateway cache sees each event before any subscriber', () => {
  it('calls observers before the sinks, for shared readers, and stops when told', async () => {
    const order: string[] = [];
    const stop = hub.observe((event) => order.push(`observer ${event.envelope.id}`));
    const client: EventSink = { accepts: () => true, push: (event) => void order.push(`sink ${event.envelope.id}`), close: () => undefined };
    await hub.join(COMISIONES, client);
    const first = comisionCalculada();
    await publish(bus, COMISIONES, first);
    await until(() => order.length === 2);
    expect(order).toEqual([`observer ${first.id}`, `sink ${first.id}`]);
    stop();
    const second = comisionCalculada();
    await publish(bus, COMISIONES, second);
    await until(() => order.length === 3);
    expect(order[2]).toBe(`sink ${second.id}`);
  });
});
