// What turns a subgraph's pieces into a running service: the bootstrap (subgraph + workers + observability over one
// database) and the answer every mutation gives once its command is queued.
export { startService, type ServiceDefinition } from './start-service.js';
export { sendCommand, type ComandoAceptado } from './send-command.js';
