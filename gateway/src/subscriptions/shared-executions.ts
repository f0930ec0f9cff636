import { createSourceEventStream, execute, getOperationAST, Kind, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { authorizationView, type Identity } from '@alpes/security';
import type { GatewayContext } from '../plugins/authentication.js';
import { eventoIdOf, eventSequenceOf, isLiveEventStream, overflowError } from './event-streams.js';
import { MemberStream, type Delivery } from './member-stream.js';
import { SharedPayload } from './shared-payload.js';

export interface SharedExecutionOptions {
  /** The hub's last dispatched sequence: a subscriber gets the events dispatched after it subscribed. */
  lastSequence: () => number;
  /** The result as it goes on the wire (errors masked), computed once per event and group. */
  format: (result: ExecutionResult) => unknown;
  /** Events waiting for one subscriber before its subscription ends with SUBSCRIPTION_OVERFLOW (default 1 000). */
  maxPendingPerSubscriber?: number;
}

const REPLAY_ARGUMENTS = new Set(['desde', 'desdeEvento']);

/**
 * A subscription that replays (desde / desdeEvento given) has a stream of its own that no one can join, so it gains
 * nothing from a group; it runs as graphql-js runs any subscription. (On Pulsar, replays run through a group lost
 * results at random: the historico scenario caught it, 1 run in 3. Until that is understood, they stay out.)
 */
function replaysHistory(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  const variables = args.variableValues ?? {};
  return (operation?.selectionSet.selections ?? []).some(
    (selection) =>
      selection.kind === Kind.FIELD &&
      (selection.arguments ?? []).some(
        (argument) =>
          REPLAY_ARGUMENTS.has(argument.name.value) &&
          (argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] != null : argument.value.kind !== Kind.NULL),
      ),
  );
}

const schemaIds = new WeakMap<GraphQLSchema, number>();
let nextSchemaId = 1;

/**
 * What makes two subscriptions share one execution: the same schema, operation text, operation name and variables,
 * and the same authorization partition (authorizationView: the same scopes and afiliado, so the same rows and fields).
 * Undefined when the subscription must run alone (`shareable` says no for its field, e.g. comando, which is per user).
 */
export function shareKeyOf(args: ExecutionArgs, identity: Identity, shareable: boolean): string | undefined {
  if (!shareable || replaysHistory(args)) return undefined;
  let schemaId = schemaIds.get(args.schema);
  if (schemaId === undefined) schemaIds.set(args.schema, (schemaId = nextSchemaId++));
  const text = args.document.loc?.source.body;
  if (text === undefined) return undefined;
  return [schemaId, args.operationName ?? '', JSON.stringify(args.variableValues ?? {}), authorizationView(identity), text].join('\n');
}

/**
 * One execution per (operation, variables, authorization partition) instead of one per subscriber: the first
 * subscriber opens the source stream (its hub sink, its hydrations) and every later one with the same key joins it.
 * Each event is executed once and serialised once (SharedPayload), then handed to every member's own queue; graphql-ws
 * still runs each member's subscription (its id, its complete, its close codes). A stream that replays
 * (desde/desdeEvento) is never joined. The last member to leave closes the source.
 */
export class SharedExecutions {
  readonly #groups = new Map<string, Promise<ExecutionGroup | ExecutionResult>>();
  readonly #running = new Set<ExecutionGroup>();

  constructor(private readonly options: SharedExecutionOptions) {}

  /** Executions running now, shared or not (one per group of subscribers). */
  get active(): number {
    return this.#running.size;
  }

  async subscribe(args: ExecutionArgs, key: string | undefined, identity: Identity): Promise<AsyncIterableIterator<Delivery> | ExecutionResult> {
    const joinedAfter = this.options.lastSequence();
    let shareAs = key;
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
  #source?: AsyncIterableIterator<unknown>;
  #identity: Identity;
  #pumping = false;

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

  join(identity: Identity, joinedAfter: number): MemberStream {
    const member = new MemberStream({
      joinedAfter,
      identity,
      maxPending: this.options.maxPendingPerSubscriber ?? 1_000,
      overflow: (lastEventoId) => this.#overflowResult(lastEventoId),
      leave: (left) => this.#leave(left),
    });
    this.members.add(member);
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
    this.#close();
    void this.#source?.return?.();
  }

  #close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const action of this.#onClose.splice(0)) action();
  }

  /** Each source value is executed once (as graphql-js's subscribe does), serialised once, handed to every member. */
  async #pump(): Promise<void> {
    this.#pumping = true;
    const source = this.#source!;
    try {
      for (let next = await source.next(); !next.done; next = await source.next()) {
        const result = await execute({ ...this.args, contextValue: this.context, rootValue: next.value });
        const payload = new SharedPayload(JSON.stringify(this.options.format(result)), eventoIdOf(next.value));
        const sequence = eventSequenceOf(next.value);
        for (const member of [...this.members]) if (sequence === undefined || sequence > member.joinedAfter) member.deliver(payload);
      }
      this.#endMembers();
    } catch (error) {
      this.#endMembers(error);
    }
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
