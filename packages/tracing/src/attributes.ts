/**
 * Attribute names on our spans: OpenTelemetry's semantic conventions where one exists, `alpes.*` for ours.
 * Only ids and names of operations, topics and subgraphs: never a payload, an e-mail or a person's name.
 */
export const ATTR = {
  messagingSystem: 'messaging.system',
  messagingDestination: 'messaging.destination.name',
  messagingSubscription: 'messaging.destination.subscription.name',
  messagingOperation: 'messaging.operation.type',
  messagingMessageId: 'messaging.message.id',
  messagingRedeliveries: 'messaging.message.redelivery_count',
  graphqlOperationName: 'graphql.operation.name',
  graphqlOperationType: 'graphql.operation.type',
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  subgraph: 'alpes.subgraph',
  component: 'alpes.component',
  messageType: 'alpes.message.type',
  envelopeId: 'alpes.message.envelope_id',
  correlationId: 'alpes.correlation_id',
  subscriptionField: 'alpes.subscription.field',
  batchSize: 'alpes.batch.size',
} as const;
