import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
export const FIXTURE_REGISTRY = join(FIXTURES, 'registry.json');
export const FIXTURE_LINEAGE = join(FIXTURES, 'lineage.json');

const made: string[] = [];

/** A fresh directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'afs-json-store-'));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

/** A fixed clock, so written files are byte-for-byte predictable. */
export const fixedClock = () => new Date('2026-12-01T10:00:00.000Z');

/** Collects upgrade notices instead of emitting process warnings. */
export function noticeCollector(): { notices: string[]; onNotice: (message: string) => void } {
  const notices: string[] = [];
  return { notices, onNotice: (message) => notices.push(message) };
}
