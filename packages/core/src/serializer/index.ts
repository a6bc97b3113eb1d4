export { serializeRows, deserializeRows } from './rowSerializer.js';
export { estimateSize } from './sizeEstimator.js';
