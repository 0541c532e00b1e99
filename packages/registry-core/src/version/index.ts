export { compareVersions, maxVersion, sortVersions } from './compare.js';
export { nextVersion, VERSION_BUMPS, type VersionBump } from './next.js';
export {
  type NumericVersion,
  type OpaqueVersion,
  type ParsedVersion,
  parseVersion,
} from './parse.js';
