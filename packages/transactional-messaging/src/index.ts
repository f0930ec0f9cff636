export type { SqlExecutor, TransactionalDatabase } from './sql-client.js';
export { writeToOutbox } from './outbox.js';
export { claimInInbox, recordOutcome, type InboxOutcome } from './inbox.js';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
export { CommandRejected, RetryLater } from './command-rejection.js';
export { startMessageProcessor, type Applied, type Delivery, type MessageHandler, type MessageHandlers, type MessageProcessorOptions, type NewEvent } from './message-processor.js';
export { sendCommand, type ComandoAceptado } from './command-sender.js';
export { connectBusFromEnvironment } from './bus-from-environment.js';
export { startService, type ServiceDefinition } from './start-service.js';
