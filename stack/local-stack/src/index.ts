export { startLocalStack, DEFAULT_PORTS, type LocalStack, type LocalStackOptions, type LocalStackPorts } from './local-stack.js';
export { prepareDatabases, type DatabaseUrls, type PhaseRunner } from './databases.js';
// Tests and benches: the same stack on fresh databases and random ports
export { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';
