export {
  applicableSuites,
  CONFORMANCE_SUITES,
  type ConformanceOptions,
  type ConformanceSuite,
  describeStoreConformance,
} from './conformance.js';
export type { StoreFactory } from './harness.js';
export { emptyModelRecord, fullModelRecord } from './records.js';
