export { generateEventChunks, type ChunkOptions, type GenerateOptions } from './generate.js';
export { ensureEventsFile, generateEventsFile, type GenerateResult } from './write-events-file.js';
export { EVENTS_HEADER, type EventColumn } from './events-header.js';
export { defaultDatasetPath } from './dataset-path.js';
