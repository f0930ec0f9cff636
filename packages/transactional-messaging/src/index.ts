export type { SqlExecutor, TransactionalDatabase } from './sql-client.js';
export { writeToOutbox } from './outbox.js';
export { claimInInbox, recordOutcome, type InboxOutcome } from './inbox.js';
export { ANY_UNPUBLISHED_SQL, OutboxRelay, UNPUBLISHED_ROWS_SQL, type OutboxRelayOptions } from './outbox-relay.js';
export { CommandRejected, RetryLater } from './command-rejection.js';
export {
  startMessageProcessor,
  type Applied,
  type Delivery,
  type MessageHandler,
  type MessageHandlers,
  type MessageProcessorOptions,
  type NewEvent,
} from './message-processor.js';
export { DeferredRows } from './deferred-rows.js';
export { fromJsonRows, integerArrayLiteral, rowsAsJson } from './json-rows.js';
export { GroupCommit, type GroupCommitOptions } from './group-commit.js';
export { readOutboxState, type OutboxState } from './outbox-state.js';
