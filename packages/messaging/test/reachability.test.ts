/**
 * Reachability (both Pulsar transports' isConnected and publish's fast refusal): the connections are asked at most once
 * per CONNECTIONS_RECHECK_MS while all are up (on the native transport each isDown is a call into the addon, made by
 * every publish), and every time while one is down, so that a recovery is seen at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTIONS_RECHECK_MS, Reachability } from '../src/transports/pulsar-common/reachability.js';

class CountedConnection {
  asked = 0;
  down = false;

  get isDown(): boolean {
    this.asked += 1;
    return this.down;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let reachability: Reachability | undefined;

afterEach(() => reachability?.stop());

async function started(): Promise<Reachability> {
  reachability = new Reachability(() => Promise.resolve(true), 60_000);
  await reachability.start();
  return reachability;
}

describe('Reachability', () => {
  it('asks the connections once for many reads in a row while all are up, again once the recheck interval passed', async () => {
    const bus = await started();
    const connections = [new CountedConnection(), new CountedConnection()];
    for (const connection of connections) bus.track(connection);
    const answers = Array.from({ length: 100 }, () => bus.reachable); // microseconds: within one interval
    expect(answers.every(Boolean)).toBe(true);
    for (const connection of connections) expect(connection.asked).toBeLessThanOrEqual(2); // 2: were the thread preempted

    connections[1]!.down = true;
    await sleep(CONNECTIONS_RECHECK_MS + 5);
    expect(bus.reachable).toBe(false);
  });

  it('asks again on every read while a connection is down, so a recovery shows at once', async () => {
    const bus = await started();
    const connection = new CountedConnection();
    connection.down = true;
    bus.track(connection);
    expect(bus.reachable).toBe(false);
    expect(bus.reachable).toBe(false);
    expect(connection.asked).toBe(2);
    connection.down = false;
    expect(bus.reachable).toBe(true);
  });

  it('asks a connection tracked after the last read at once, even within the recheck interval', async () => {
    const bus = await started();
    bus.track(new CountedConnection());
    expect(bus.reachable).toBe(true);
    const late = new CountedConnection();
    late.down = true;
    bus.track(late);
    expect(bus.reachable).toBe(false);
  });
});
