import {
  DEPLOYMENT_FIELDS,
  EVALUATION_FIELDS,
  fileNames,
  METADATA_FIELDS,
  TRAINING_FIELDS,
  VERSION_FIELDS,
} from './fields.js';

const METADATA = fileNames(METADATA_FIELDS);
const VERSION = fileNames(VERSION_FIELDS);
const TRAINING = fileNames(TRAINING_FIELDS);
const EVALUATION = fileNames(EVALUATION_FIELDS);
const DEPLOYMENT = fileNames(DEPLOYMENT_FIELDS);

type Segment = string | number;

function rename(names: ReadonlyMap<string, string>, segment: Segment | undefined): Segment[] {
  if (segment === undefined) return [];
  return [typeof segment === 'string' ? (names.get(segment) ?? segment) : segment];
}

function versionPath(rest: readonly Segment[]): Segment[] {
  const [field, ...inner] = rest;
  if (field === 'training') return ['training', ...rename(TRAINING, inner[0]), ...inner.slice(1)];
  if (field === 'evaluationScores') {
    // After a metric map name come metric names, which are data and keep their spelling.
    return ['evaluation_scores', ...rename(EVALUATION, inner[0]), ...inner.slice(1)];
  }
  return [...rename(VERSION, field), ...inner];
}

/**
 * A schema issue path inside a ModelRecord (camelCase) as the path inside the
 * file's model entry (snake_case). Map keys (model names, versions, metric
 * names) pass through unchanged.
 */
export function recordPathToFilePath(path: readonly PropertyKey[]): Segment[] {
  const segments = path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  const [head, ...rest] = segments;
  if (head === 'metadata') return ['metadata', ...rename(METADATA, rest[0]), ...rest.slice(1)];
  if (head === 'versions') {
    const [key, ...inner] = rest;
    return key === undefined ? ['versions'] : ['versions', key, ...versionPath(inner)];
  }
  if (head === 'deployments') {
    const [index, ...inner] = rest;
    return index === undefined
      ? ['deployments']
      : ['deployments', index, ...rename(DEPLOYMENT, inner[0]), ...inner.slice(1)];
  }
  return segments;
}
