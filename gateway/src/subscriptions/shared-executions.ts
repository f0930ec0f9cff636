import { createSourceEventStream, execute, getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Identity } from '@alpes/security';
import type { GatewayContext } from '../plugins/authentication.js';
import { eventoIdOf, eventSequenceOf, isLiveEventStream, overflowError } from './event-streams.js';
import { MemberStream, type Delivery } from './member-stream.js';
import type { ShareKey } from './share-key.js';
import { SharedPayload } from './shared-payload.js';
import { SlicedDelivery } from './sliced-delivery.js';

export { shareKeyOf, type ShareKey } from './share-key.js';

export interface SharedExecutionOptions {
  /** The hub's last dispatched sequence: a subscriber gets the events dispatched after it subscribed. */
  lastSequence: () => number;
  /** The result as it goes on the wire (errors masked), computed once per event and group. */
  format: (result: ExecutionResult) => unknown;
  /** Events waiting for one subscriber before its subscription ends with SUBSCRIPTION_OVERFLOW (default 1 000). */
  maxPendingPerSubscriber?: number;
  /** The last events each execution remembers, for subscribers that resume with desdeEvento (default 500). */
  resumeWindow?: number;
  /**
   * How long an execution keeps running once its last member left (default 5 000 ms): subscribers whose sockets
   * dropped come back with desdeEvento and resume from it, instead of each replaying from the bus alone.
   */
  lingerMs?: number;
}

/**
 * One execution per (operation, variables, authorization partition) instead of one per subscriber: the first
 * subscriber opens the source stream (its hub sink, its hydrations) and every later one with the same key joins it.
 * Each event is executed once and serialised once (SharedPayload), then handed to every member's own queue; graphql-ws
 * still runs each member's subscription (its id, its complete, its close codes). A stream that replays
 * (desde/desdeEvento) is never joined, nor started by a replay. A subscriber resuming with desdeEvento joins a running
 * execution of its operation when that still remembers the event (its last `resumeWindow` events): it gets the ones
 * after it from there, then the live ones, with no bus reader, execution or hydration of its own. An execution whose
 * last member left runs on for `lingerMs`, then closes its source.
 */
export class SharedExecutions {
  readonly #groups = new Map<string, Promise<ExecutionGroup | ExecutionResult>>();
  readonly #running = new Set<ExecutionGroup>();

  constructor(private readonly options: SharedExecutionOptions) {}

  /** Executions running now, shared or not (one per group of subscribers). */
  get active(): number {
    return this.#running.size;
  }

  /** The subscriber's stream; undefined when it resumes from an event no running execution remembers (it runs alone). */
  async subscribe(args: ExecutionArgs, share: ShareKey, identity: Identity): Promise<AsyncIterableIterator<Delivery> | ExecutionResult | undefined> {
    if (share.resumeAfter !== undefined) return this.#resume(share.key, share.resumeAfter, identity);
    const joinedAfter = this.options.lastSequence();
    let shareAs: string | undefined = share.key;
    while (shareAs !== undefined) {
      const existing = this.#groups.get(shareAs);
      if (!existing) break;
      const group = await existing;
      if (group instanceof ExecutionGroup && group.joinable && !group.closed) return group.join(identity, joinedAfter);
      if (this.#groups.get(shareAs) === existing) shareAs = undefined; // settled unjoinable and still listed: run alone
    }
    const opening = this.#open(args, identity);
    if (shareAs !== undefined) this.#groups.set(shareAs, opening);
    let opened: ExecutionGroup | ExecutionResult | undefined;
    try {
      opened = await opening;
    } finally {
      const listed = shareAs !== undefined && this.#groups.get(shareAs) === opening;
      if (listed && !(opened instanceof ExecutionGroup && opened.joinable)) this.#groups.delete(shareAs!);
      else if (listed && opened instanceof ExecutionGroup) opened.whenClosed(() => this.#groups.get(shareAs!) === opening && this.#groups.delete(shareAs!));
    }
    if (!(opened instanceof ExecutionGroup)) return opened;
    return opened.join(identity, joinedAfter);
  }

  async #resume(key: string, eventoId: string, identity: Identity): Promise<MemberStream | undefined> {
    const group = await this.#groups.get(key);
    if (!(group instanceof ExecutionGroup) || !group.joinable || group.closed) return undefined;
    return group.resume(identity, eventoId);
  }

  async #open(args: ExecutionArgs, identity: Identity): Promise<ExecutionGroup | ExecutionResult> {
    const group = new ExecutionGroup(args, identity, this.options);
    const source = await createSourceEventStream({ ...args, contextValue: group.context });
    if (!(Symbol.asyncIterator in source)) return source;
    group.start(source as AsyncIterableIterator<unknown>);
    this.#running.add(group);
    group.whenClosed(() => this.#running.delete(group));
    return group;
  }
}

class ExecutionGroup {
  readonly members = new Set<MemberStream>();
  /** What the source stream and its hydrations run with: the member whose token lasts longest. */
  readonly context: GatewayContext;
  joinable = false;
  closed = false;
  readonly #onClose: (() => void)[] = [];
  /** The last payloads delivered, with their eventoIds, oldest first (for subscribers resuming with desdeEvento). */
  readonly #recent: { eventoId: string; payload: SharedPayload }[] = [];
  #source?: AsyncIterableIterator<unknown>;
  #identity: Identity;
  #pumping = false;
  #linger: NodeJS.Timeout | undefined;
  /** Payloads go to the members in slices, a macrotask each (sliced-delivery.ts). */
  readonly #delivery = new SlicedDelivery<MemberStream>({
    members: () => this.members,
    wants: (member, { sequence }) => sequence === undefined || sequence > member.joinedAfter,
    deliver: (member, payload) => member.deliver(payload),
    delivering: ({ payload }) => payload.eventoId !== undefined && this.#remember(payload.eventoId, payload),
  });

  constructor(
    private readonly args: ExecutionArgs,
    identity: Identity,
    private readonly options: SharedExecutionOptions,
  ) {
    this.#identity = identity;
    const identityNow = () => this.#identity;
    this.context = {
      get identity() {
        return identityNow();
      },
    };
  }

  start(source: AsyncIterableIterator<unknown>): void {
    this.#source = source;
    this.joinable = isLiveEventStream(source);
  }

  whenClosed(action: () => void): void {
    this.#onClose.push(action);
  }

  /**
   * A member resuming after `eventoId`, or undefined when this execution does not remember it. It gets the payloads
   * after that event at once, then every later one (joinedAfter −∞: what the pump delivers from now on is newer).
   */
  resume(identity: Identity, eventoId: string): MemberStream | undefined {
    let index = this.#recent.length - 1;
    while (index >= 0 && this.#recent[index]!.eventoId !== eventoId) index -= 1;
    if (index < 0) return undefined;
    return this.join(identity, Number.NEGATIVE_INFINITY, eventoId, this.#recent.slice(index + 1));
  }

  join(identity: Identity, joinedAfter: number, resumedAfter?: string, backlog: readonly { payload: SharedPayload }[] = []): MemberStream {
    const member = new MemberStream({
      joinedAfter,
      identity,
      maxPending: this.options.maxPendingPerSubscriber ?? 1_000,
      overflow: (lastEventoId) => this.#overflowResult(lastEventoId),
      leave: (left) => this.#leave(left),
      ...(resumedAfter === undefined ? {} : { resumedAfter }),
    });
    // synchronously with joining: no payload of the pump can fall between the backlog and the live ones
    for (const { payload } of backlog) member.deliver(payload);
    this.members.add(member);
    clearTimeout(this.#linger);
    if (identity.kind === 'user' && this.#identity.kind === 'user' && identity.expiresAt > this.#identity.expiresAt) this.#identity = identity;
    if (!this.#pumping) void this.#pump();
    return member;
  }

  #leave(member: MemberStream): void {
    if (!this.members.delete(member)) return;
    if (this.members.size > 0) {
      if (member.identity === this.#identity) this.#identity = longestLived([...this.members].map((other) => other.identity));
      return;
    }
    if (this.closed) return;
    clearTimeout(this.#linger);
    this.#linger = setTimeout(() => {
      if (this.members.size > 0 || this.closed) return;
      this.#close();
      void this.#source?.return?.();
    }, this.options.lingerMs ?? 5_000);
    this.#linger.unref();
  }

  #close(): void {
    clearTimeout(this.#linger);
    if (this.closed) return;
    this.closed = true;
    for (const action of this.#onClose.splice(0)) action();
  }

  /**
   * Each source value is executed once (as graphql-js's subscribe does), serialised once, handed to every member (in
   * slices; the resume window remembers a payload when its delivery starts, so a resuming member never gets one twice).
   */
  async #pump(): Promise<void> {
    this.#pumping = true;
    const source = this.#source!;
    try {
      for (let next = await source.next(); !next.done; next = await source.next()) {
        const result = await execute({ ...this.args, contextValue: this.context, rootValue: next.value });
        const eventoId = eventoIdOf(next.value);
        const payload = new SharedPayload(JSON.stringify(this.options.format(result)), eventoId);
        this.#delivery.push({ payload, sequence: eventSequenceOf(next.value) });
      }
      await this.#delivery.drained();
      this.#endMembers();
    } catch (error) {
      await this.#delivery.drained();
      this.#endMembers(error);
    }
  }

  #remember(eventoId: string, payload: SharedPayload): void {
    this.#recent.push({ eventoId, payload });
    if (this.#recent.length > (this.options.resumeWindow ?? 500)) this.#recent.shift();
  }

  #endMembers(error?: unknown): void {
    this.#close();
    for (const member of this.members) member.end(error);
    this.members.clear();
  }

  #overflowResult(lastEventoId: string | undefined): ExecutionResult {
    const operation = getOperationAST(this.args.document, this.args.operationName);
    const root = operation?.selectionSet.selections.find((selection) => selection.kind === 'Field');
    const path = root?.kind === 'Field' ? [root.alias?.value ?? root.name.value] : [];
    return { data: null, errors: [overflowError(lastEventoId, path)] };
  }
}

function longestLived(identities: readonly Identity[]): Identity {
  return identities.reduce((best, candidate) => (candidate.kind === 'user' && best.kind === 'user' && candidate.expiresAt > best.expiresAt ? candidate : best));
}
