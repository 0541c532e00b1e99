/*
 * A JSON syntax check over bytes that builds nothing but a small outline of
 * the top levels. Parsing a 16 MB registry with JSON.parse means decoding it
 * into a 16 MB string and building every object in it, which is most of the
 * time a command spends; this check reads the bytes once and lets each model
 * be parsed when it is used. It accepts exactly what JSON.parse accepts
 * (RFC 8259; the tests compare the two on many generated inputs). The bytes
 * must already be valid UTF-8: then a byte of 0x80 or more can only be part
 * of a character, which is allowed inside strings and nowhere else.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const LOWER_U = 0x75;

/** Bytes with a meaning inside a string: 1 ends it, 2 starts an escape, 3 is not allowed (control). */
const IN_STRING = new Uint8Array(256);
IN_STRING.fill(3, 0, 0x20);
IN_STRING[QUOTE] = 1;
IN_STRING[BACKSLASH] = 2;

/** What may follow a backslash: the one-letter escapes (1) and `u` (2). */
const ESCAPE = new Uint8Array(256);
for (const letter of '"\\/bfnrt') ESCAPE[letter.charCodeAt(0)] = 1;
ESCAPE[LOWER_U] = 2;

const HEX = new Uint8Array(256);
for (const digit of '0123456789abcdefABCDEF') HEX[digit.charCodeAt(0)] = 1;

const CONTAINER_OBJECT = 1;
const CONTAINER_ARRAY = 2;

/** Where the bytes stop being JSON; only used to say so. */
export class JsonScanError extends Error {
  constructor(readonly offset: number) {
    super(`not valid JSON at byte ${offset}`);
  }
}

/** One value of the outline: where it is and what it starts with. */
export interface ScannedValue {
  readonly start: number;
  readonly end: number;
  /** The first byte: `{`, `[`, `"`, `t`, `f`, `n`, `-` or a digit. */
  readonly first: number;
  /** An object's members in file order, repeated keys included (only near the top). */
  readonly members?: readonly ScannedMember[];
}

export interface ScannedMember {
  readonly key: string;
  readonly value: ScannedValue;
}

/*
 * The validating loop (`validateValue`) and small helpers for the runs of
 * bytes (strings, whitespace, numbers): a command runs all of this once,
 * cold, and small functions reach optimised code soonest. Each returns the
 * index after what it read, or `-(offset + 1)` where the bytes stop being
 * JSON, which costs less than throwing in the hot path.
 */

const DIGIT = new Uint8Array(256);
DIGIT.fill(1, ZERO, NINE + 1);

const WHITESPACE = new Uint8Array(256);
for (const byte of [0x20, 0x0a, 0x0d, 0x09]) WHITESPACE[byte] = 1;

const TRUE = Uint8Array.from(Buffer.from('true'));
const FALSE = Uint8Array.from(Buffer.from('false'));
const NULL = Uint8Array.from(Buffer.from('null'));

function skipWhitespace(bytes: Uint8Array, at: number): number {
  const length = bytes.length;
  let i = at;
  while (i < length && WHITESPACE[bytes[i] as number] === 1) i += 1;
  return i;
}

/** `at` is just after the opening quote. */
function skipString(bytes: Uint8Array, at: number): number {
  const length = bytes.length;
  let i = at;
  for (;;) {
    while (i < length && IN_STRING[bytes[i] as number] === 0) i += 1;
    if (i >= length) return -i - 1;
    const kind = IN_STRING[bytes[i] as number];
    if (kind === 1) return i + 1;
    if (kind === 3) return -i - 1;
    const escapeKind = ESCAPE[bytes[i + 1] ?? 0];
    if (escapeKind === 1) i += 2;
    else if (
      escapeKind === 2 &&
      HEX[bytes[i + 2] ?? 0] === 1 &&
      HEX[bytes[i + 3] ?? 0] === 1 &&
      HEX[bytes[i + 4] ?? 0] === 1 &&
      HEX[bytes[i + 5] ?? 0] === 1
    ) {
      i += 6;
    } else return -i - 1;
  }
}

function skipDigits(bytes: Uint8Array, at: number): number {
  const length = bytes.length;
  let i = at;
  while (i < length && DIGIT[bytes[i] as number] === 1) i += 1;
  return i;
}

/** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
function skipNumber(bytes: Uint8Array, at: number): number {
  let i = at;
  if (bytes[i] === MINUS) i += 1;
  const first = bytes[i] ?? 0;
  if (first === ZERO) i += 1;
  else if (first > ZERO && first <= NINE) i = skipDigits(bytes, i + 1);
  else return -i - 1;
  if (bytes[i] === DOT) {
    const end = skipDigits(bytes, i + 1);
    if (end === i + 1) return -end - 1;
    i = end;
  }
  if (bytes[i] === LOWER_E || bytes[i] === UPPER_E) {
    i += 1;
    if (bytes[i] === PLUS || bytes[i] === MINUS) i += 1;
    const end = skipDigits(bytes, i);
    if (end === i) return -end - 1;
    i = end;
  }
  return i;
}

function skipLiteral(bytes: Uint8Array, at: number, word: Uint8Array): number {
  for (let k = 0; k < word.length; k += 1) {
    if (bytes[at + k] !== word[k]) return -(at + k) - 1;
  }
  return at + word.length;
}

/** A member's "key", colon and the whitespace around it; returns where the value starts. */
function skipKey(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== QUOTE) return -at - 1;
  const end = skipString(bytes, at + 1);
  if (end < 0) return end;
  const colon = skipWhitespace(bytes, end);
  if (bytes[colon] !== COLON) return -colon - 1;
  return skipWhitespace(bytes, colon + 1);
}

/** Any value at `at`, however deep: open containers are on a stack, not in recursion. */
function validateValue(bytes: Uint8Array, at: number): number {
  const stack: number[] = [];
  let i = at;
  let expectKey = false;
  for (;;) {
    if (expectKey) {
      i = skipKey(bytes, i);
      if (i < 0) return i;
      expectKey = false;
    }
    // A value starts at i.
    const first = bytes[i];
    if (first === QUOTE) {
      i = skipString(bytes, i + 1);
    } else if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
      i = skipWhitespace(bytes, i + 1);
      if (bytes[i] === (first === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        i += 1;
      } else {
        stack.push(first === OPEN_OBJECT ? CONTAINER_OBJECT : CONTAINER_ARRAY);
        expectKey = first === OPEN_OBJECT;
        continue;
      }
    } else if (first === MINUS || (first !== undefined && first >= ZERO && first <= NINE)) {
      i = skipNumber(bytes, i);
    } else if (first === 0x74) {
      i = skipLiteral(bytes, i, TRUE);
    } else if (first === 0x66) {
      i = skipLiteral(bytes, i, FALSE);
    } else if (first === 0x6e) {
      i = skipLiteral(bytes, i, NULL);
    } else {
      return -i - 1;
    }
    if (i < 0) return i;
    // A value ended at i: close containers until one goes on after a comma.
    for (;;) {
      const open = stack[stack.length - 1];
      if (open === undefined) return i;
      i = skipWhitespace(bytes, i);
      const byte = bytes[i];
      if (byte === COMMA) {
        i = skipWhitespace(bytes, i + 1);
        expectKey = open === CONTAINER_OBJECT;
        break;
      }
      if (byte !== (open === CONTAINER_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) return -i - 1;
      stack.pop();
      i += 1;
    }
  }
}

/** Like `validateValue`, without its stack for the scalars that most members are. */
function skipValue(bytes: Uint8Array, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at + 1);
  if (first === MINUS || (first !== undefined && first >= ZERO && first <= NINE)) {
    return skipNumber(bytes, at);
  }
  return validateValue(bytes, at);
}

/** The bytes' end position, or the failure's, from a helper's result. */
function checked(result: number): number {
  if (result < 0) throw new JsonScanError(-result - 1);
  return result;
}

class Scanner {
  readonly #bytes: Uint8Array;
  readonly #buffer: Buffer;
  readonly #outlined: OutlineRule;

  constructor(bytes: Uint8Array, outlined: OutlineRule) {
    this.#bytes = bytes;
    this.#buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#outlined = outlined;
  }

  /** The value at `at`, outlined if it is an object at a `path` the rule accepts. */
  outline(at: number, path: readonly string[]): ScannedValue {
    const bytes = this.#bytes;
    const first = bytes[at] ?? 0;
    if (first !== OPEN_OBJECT || !this.#outlined(path)) {
      return { start: at, end: checked(validateValue(bytes, at)), first };
    }
    const members: ScannedMember[] = [];
    let i = skipWhitespace(bytes, at + 1);
    if (bytes[i] !== CLOSE_OBJECT) {
      for (;;) {
        if (bytes[i] !== QUOTE) throw new JsonScanError(i);
        const keyEnd = checked(skipString(bytes, i + 1));
        const key = stringText(this.#buffer, i, keyEnd);
        i = skipWhitespace(bytes, keyEnd);
        if (bytes[i] !== COLON) throw new JsonScanError(i);
        const valueAt = skipWhitespace(bytes, i + 1);
        const valueFirst = bytes[valueAt] ?? 0;
        // Only an object can be outlined or noted: no path to build for the rest.
        const value =
          valueFirst === OPEN_OBJECT
            ? this.outline(valueAt, [...path, key])
            : { start: valueAt, end: checked(skipValue(bytes, valueAt)), first: valueFirst };
        members.push({ key, value });
        i = skipWhitespace(bytes, value.end);
        if (bytes[i] === CLOSE_OBJECT) break;
        if (bytes[i] !== COMMA) throw new JsonScanError(i);
        i = skipWhitespace(bytes, i + 1);
      }
    }
    return { start: at, end: i + 1, first, members };
  }

  /** The whole input as one value, with nothing but whitespace around it. */
  document(at: number): ScannedValue {
    const bytes = this.#bytes;
    const root = this.outline(skipWhitespace(bytes, at), []);
    const end = skipWhitespace(bytes, root.end);
    if (end !== bytes.length) throw new JsonScanError(end);
    return root;
  }
}

/** The JSON string `buffer[start, end)` (quotes included) as text. */
export function stringText(buffer: Buffer, start: number, end: number): string {
  const text = buffer.toString('utf8', start + 1, end - 1);
  // JSON.parse reads escapes exactly as it would in the whole text.
  return text.includes('\\') ? (JSON.parse(buffer.toString('utf8', start, end)) as string) : text;
}

/** Which objects list their members, by the keys that lead to them (`[]` is the top level). */
export type OutlineRule = (path: readonly string[]) => boolean;

/**
 * Checks that `bytes` (valid UTF-8) from `start` on is one JSON value, and
 * outlines it: where each value lies, and for the objects `outlined`
 * accepts, their members. Throws `JsonScanError` where the bytes stop being
 * JSON.
 */
export function scanJson(bytes: Uint8Array, start: number, outlined: OutlineRule): ScannedValue {
  // A plain view: indexing a Buffer subclass in the loops is measurably slower.
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Scanner(view, outlined).document(start);
}

/**
 * One JSON value at `at` and no further: where it ends, outlined as
 * `scanJson` would with `outlined` (paths relative to this value). Throws
 * `JsonScanError` where the bytes stop being JSON, which includes running
 * off the end of `bytes` (a caller reading in blocks reads more and tries
 * again).
 */
export function outlineValue(bytes: Uint8Array, at: number, outlined: OutlineRule): ScannedValue {
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Scanner(view, outlined).outline(at, []);
}

/** Where the JSON string whose opening quote is at `at` ends (after its closing quote); `JsonScanError` if it is not one. */
export function stringEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== QUOTE) throw new JsonScanError(at);
  return checked(skipString(bytes, at + 1));
}

/** The index of the first byte at or after `at` that is not JSON whitespace. */
export function afterWhitespace(bytes: Uint8Array, at: number): number {
  return skipWhitespace(bytes, at);
}
