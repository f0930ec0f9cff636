export { buildDemoDataset, DEFAULT_DEMO_SIZE, type DemoDataset, type DemoSize } from './demo-dataset.js';
export { seedDemoData, type SeedSummary, type ServiceClients } from './seed-databases.js';
