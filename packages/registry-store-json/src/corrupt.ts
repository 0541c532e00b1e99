import { basename } from 'node:path';
import { RegistryError } from '@afs/registry-core';

/** A problem at one place in the file: `path` uses the file's own (snake_case) names. */
export interface FileIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `models.din.versions["v1.0.0"].training.samples`, `models.din.deployments[0].at`. */
export function formatFilePath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(top level)' : out;
}

function describeFileIssue(issue: FileIssue): string {
  return `${formatFilePath(issue.path)}: ${issue.message}`;
}

const SHOWN_ISSUES = 5;

function recovery(file: string): string {
  return `Fix the file by hand, or restore it from a backup (such as a ${basename(file)}.v1.bak beside it, if one exists), then retry.`;
}

/**
 * The one error for a file this package will not use. The message names the
 * file, what is wrong and how to recover; the file itself is never touched.
 */
export function corruptRegistry(
  file: string,
  problem: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): RegistryError {
  return new RegistryError(
    'CORRUPT_REGISTRY',
    `The registry file ${file} cannot be used: ${problem}. It was left unchanged. ${recovery(file)}`,
    { path: file, problem, ...details },
    cause === undefined ? undefined : { cause },
  );
}

function schemaProblem(issues: readonly FileIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map(describeFileIssue);
  const more = issues.length > SHOWN_ISSUES ? ` (and ${issues.length - SHOWN_ISSUES} more)` : '';
  return `it does not match the registry schema: ${shown.join('; ')}${more}`;
}

function issueDetails(issues: readonly FileIssue[]) {
  return issues.map((issue) => ({
    path: formatFilePath(issue.path),
    segments: [...issue.path],
    message: issue.message,
  }));
}

/** A file that parses as JSON but does not hold a valid registry. */
export function invalidRegistryContent(file: string, issues: readonly FileIssue[]): RegistryError {
  return corruptRegistry(file, schemaProblem(issues), { issues: issueDetails(issues) });
}

/**
 * One model entry that fails the deep check. Only operations that read or
 * write that model fail; the rest of the file stays usable.
 */
export function invalidModelEntry(
  file: string,
  modelName: string,
  issues: readonly FileIssue[],
): RegistryError {
  const problem = schemaProblem(issues);
  return new RegistryError(
    'CORRUPT_REGISTRY',
    `Model "${modelName}" in the registry file ${file} cannot be used: ${problem}. The file was left unchanged, and the other models can still be read and changed. ${recovery(file)}`,
    { path: file, modelName, problem, issues: issueDetails(issues) },
  );
}
