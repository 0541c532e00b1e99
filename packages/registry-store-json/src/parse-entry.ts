import { type ScannedValue, scanJson } from './json-scan.js';
import type { JsonObject } from './json-value.js';

// Strings above roughly this size are placed in V8's large-object space,
// whose memory is fresh (and slow to touch) for every string; a model's
// versions, parsed one by one, stay well below it.
const PARSE_WHOLE_BYTES = 64 * 1024;
const OPEN_OBJECT = 0x7b;

const membersOnly = (path: readonly string[]) => path.length === 0;

function defineOwn(target: JsonObject, key: string, value: unknown): void {
  // A data property even for "__proto__", as JSON.parse makes it.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * The value at `value` (offsets into `bytes`), parsed whole when small;
 * a large object is taken member by member, each parsed on its own, at most
 * `depth` levels down. The members come from the file's outline, or from
 * outlining the object again (its bytes were checked with the file, so this
 * cannot fail).
 */
function parseValue(bytes: Uint8Array, value: ScannedValue, depth: number): unknown {
  const { start, end } = value;
  if (depth === 0 || end - start <= PARSE_WHOLE_BYTES || value.first !== OPEN_OBJECT) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return JSON.parse(buffer.toString('utf8', start, end));
  }
  const members =
    value.members ?? shifted(scanJson(bytes.subarray(start, end), 0, membersOnly), start);
  const object: JsonObject = {};
  for (const member of members) {
    // A repeated key: the last value wins, in the first key's place, as in JSON.parse.
    defineOwn(object, member.key, parseValue(bytes, member.value, depth - 1));
  }
  return object;
}

/** The members of an outline made from a part of the bytes, with offsets into the whole. */
function shifted(outline: ScannedValue, offset: number): ScannedValue['members'] & object {
  return (outline.members ?? []).map(({ key, value }) => ({
    key,
    value: { start: value.start + offset, end: value.end + offset, first: value.first },
  }));
}

/**
 * The JSON value of a model entry that the file's scan has checked and
 * outlined: the same value as JSON.parse of its text. A large entry is
 * parsed in parts (its versions one at a time), which makes many small
 * strings instead of one large one.
 */
export function parseEntry(bytes: Uint8Array, entry: ScannedValue): JsonObject {
  // The entry, then its members (such as `versions`): each version is parsed whole.
  return parseValue(bytes, entry, 2) as JsonObject;
}
