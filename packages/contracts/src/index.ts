export * from './topics.js';
export * from './envelope.js';
export * from './catalog.js';
export * from './message-definition.js';
export * from './parse-message.js';
export * as schemas from './primitives.js';
export { AfiliadoSnapshot, CampanaSnapshot, ComisionSnapshot, ConversionSnapshot } from './events/snapshots.js';
export { Porcentaje } from './values/porcentaje.js';
export { snapshotFromRow } from './snapshot-from-row.js';
