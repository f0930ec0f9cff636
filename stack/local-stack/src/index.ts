export { startLocalStack, DEFAULT_PORTS, type LocalStack, type LocalStackOptions, type LocalStackPorts } from './local-stack.js';
export { prepareDatabases, type DatabaseUrls, type PhaseRunner } from './databases.js';
