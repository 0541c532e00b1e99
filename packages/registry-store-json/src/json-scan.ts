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
 * The validating loop behind `Scanner.value`, with small helpers for the
 * runs of bytes (strings, whitespace, numbers): a command runs all of this
 * once, cold, and small functions reach optimised code soonest. Each returns
 * the index after what it read, or `-(offset + 1)` where the bytes stop
 * being JSON.
 */

function skipWhitespace(bytes: Uint8Array, at: number): number {
  const length = bytes.length;
  let i = at;
  while (i < length && isWhitespace(bytes[i] as number)) i += 1;
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
  let i = at;
  let byte = bytes[i] ?? 0;
  while (byte >= ZERO && byte <= NINE) {
    i += 1;
    byte = bytes[i] ?? 0;
  }
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

const TRUE = Uint8Array.from(Buffer.from('true'));
const FALSE = Uint8Array.from(Buffer.from('false'));
const NULL = Uint8Array.from(Buffer.from('null'));

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

class Scanner {
  readonly #bytes: Uint8Array;
  readonly #length: number;
  readonly #buffer: Buffer;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#length = bytes.length;
    this.#buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(at: number): never {
    throw new JsonScanError(at);
  }

  whitespace(at: number): number {
    const bytes = this.#bytes;
    const length = this.#length;
    let i = at;
    while (i < length && isWhitespace(bytes[i] as number)) i += 1;
    return i;
  }

  /** `at` is just after the opening quote; returns the index after the closing one. */
  string(at: number): number {
    const bytes = this.#bytes;
    const length = this.#length;
    let i = at;
    while (i < length) {
      const kind = IN_STRING[bytes[i] as number];
      if (kind === 0) {
        i += 1;
      } else if (kind === 1) {
        return i + 1;
      } else if (kind === 2) {
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
        } else {
          return this.fail(i);
        }
      } else {
        return this.fail(i);
      }
    }
    return this.fail(i);
  }

  digits(at: number): number {
    const bytes = this.#bytes;
    const length = this.#length;
    let i = at;
    while (i < length) {
      const byte = bytes[i] as number;
      if (byte < ZERO || byte > NINE) break;
      i += 1;
    }
    return i;
  }

  /** One or more digits. */
  someDigits(at: number): number {
    const end = this.digits(at);
    return end === at ? this.fail(at) : end;
  }

  number(at: number): number {
    const bytes = this.#bytes;
    let i = at;
    if (bytes[i] === MINUS) i += 1;
    if (bytes[i] === ZERO) i += 1;
    else i = this.someDigits(i);
    if (bytes[i] === DOT) i = this.someDigits(i + 1);
    if (bytes[i] === LOWER_E || bytes[i] === UPPER_E) {
      i += 1;
      if (bytes[i] === PLUS || bytes[i] === MINUS) i += 1;
      i = this.someDigits(i);
    }
    return i;
  }

  literal(at: number, word: string): number {
    const bytes = this.#bytes;
    for (let k = 0; k < word.length; k += 1) {
      if (bytes[at + k] !== word.charCodeAt(k)) return this.fail(at + k);
    }
    return at + word.length;
  }

  /** A string, number or literal at `at` (no container); returns the index after it. */
  scalar(at: number): number {
    const first = this.#bytes[at];
    if (first === QUOTE) return this.string(at + 1);
    if (first === 0x74) return this.literal(at, 'true');
    if (first === 0x66) return this.literal(at, 'false');
    if (first === 0x6e) return this.literal(at, 'null');
    if (first === MINUS || (first !== undefined && first >= ZERO && first <= NINE)) {
      return this.number(at);
    }
    return this.fail(at);
  }

  /** `{`'s member key and colon: `at` is where the key should start; returns where the value starts. */
  memberKey(at: number): number {
    if (this.#bytes[at] !== QUOTE) return this.fail(at);
    const i = this.whitespace(this.string(at + 1));
    if (this.#bytes[i] !== COLON) return this.fail(i);
    return this.whitespace(i + 1);
  }

  /**
   * Any value at `at` (no whitespace before it), however deep; returns the
   * index after it. Almost every byte of a registry goes through here.
   */
  value(at: number): number {
    const end = validateValue(this.#bytes, at);
    return end < 0 ? this.fail(-end - 1) : end;
  }

  key(start: number, end: number): string {
    const text = this.#buffer.toString('utf8', start, end);
    // JSON.parse reads escapes exactly as it did when the whole file was parsed.
    return text.includes('\\') ? (JSON.parse(text) as string) : text.slice(1, -1);
  }

  /** A value at `at`, outlined: an object at a `path` that `outlined` accepts lists its members. */
  outline(at: number, path: readonly string[], outlined: OutlineRule): ScannedValue {
    const first = this.#bytes[at] ?? 0;
    if (first !== OPEN_OBJECT || !outlined(path)) {
      return { start: at, end: this.value(at), first };
    }
    const members: ScannedMember[] = [];
    let i = this.whitespace(at + 1);
    if (this.#bytes[i] !== CLOSE_OBJECT) {
      for (;;) {
        const keyStart = i;
        if (this.#bytes[i] !== QUOTE) return this.fail(i);
        const keyEnd = this.string(i + 1);
        i = this.whitespace(keyEnd);
        if (this.#bytes[i] !== COLON) return this.fail(i);
        const key = this.key(keyStart, keyEnd);
        const value = this.outline(this.whitespace(i + 1), [...path, key], outlined);
        members.push({ key, value });
        i = this.whitespace(value.end);
        if (this.#bytes[i] === CLOSE_OBJECT) break;
        if (this.#bytes[i] !== COMMA) return this.fail(i);
        i = this.whitespace(i + 1);
      }
    }
    return { start: at, end: i + 1, first, members };
  }

  /** The whole input as one value, with nothing but whitespace around it. */
  document(at: number, outlined: OutlineRule): ScannedValue {
    const root = this.outline(this.whitespace(at), [], outlined);
    const end = this.whitespace(root.end);
    if (end !== this.#length) return this.fail(end);
    return root;
  }
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
  return new Scanner(view).document(start, outlined);
}
