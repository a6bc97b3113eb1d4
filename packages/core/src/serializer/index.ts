export { serializeRows, deserializeRows } from './row-serializer.js';
export { estimateSize } from './size-estimator.js';
