import { corruptRegistry } from './corrupt.js';
import { JsonScanError, type OutlineRule, type ScannedValue, scanJson } from './json-scan.js';
import { decodeUtf8, isValidUtf8 } from './utf8.js';

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * The registry file's bytes as a JSON value. Empty files, invalid UTF-8 and
 * invalid JSON are `CORRUPT_REGISTRY` errors that say where the problem is.
 */
export function parseRegistryBytes(bytes: Uint8Array, file: string): unknown {
  if (bytes.length === 0) {
    return corruptAndThrow(
      file,
      'the file is empty (0 bytes); an interrupted copy or a full disk can leave it like this',
    );
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return corruptAndThrow(
      file,
      `it is not valid UTF-8 text (first bad byte at offset ${decoded.offset})`,
      { byteOffset: decoded.offset },
    );
  }
  const text = decoded.text;
  if (text.trim() === '') {
    return corruptAndThrow(file, 'the file holds only whitespace, no JSON');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    const position = match ? Number(match[1]) : text.length;
    const where = lineAndColumn(text, position);
    return corruptAndThrow(
      file,
      `it is not valid JSON (${message}; line ${where.line}, column ${where.column})`,
      { line: where.line, column: where.column, position },
      error,
    );
  }
}

/**
 * The objects whose members the outline lists: the top level, `models` (or
 * the entries of the bare form), and the entries of the wrapper form, whose
 * `metadata` and `versions` the shape check needs.
 */
const REGISTRY_OUTLINE: OutlineRule = (path) => path.length <= 2;

/**
 * The registry file's bytes checked as JSON without being parsed: the same
 * refusals and messages as `parseRegistryBytes`, but the result is an
 * outline of the top levels (see `scanJson`), and the bytes are never turned
 * into one big string. Each part is parsed from its bytes when it is used.
 * `ascii`: the bytes are already known to be pure ASCII.
 */
export function scanRegistryBytes(bytes: Uint8Array, file: string, ascii = false): ScannedValue {
  if (bytes.length === 0 || !(ascii || isValidUtf8(bytes))) {
    // The parsing path words these refusals.
    parseRegistryBytes(bytes, file);
  }
  // A byte order mark, which the decoder drops before parsing.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return scanJson(bytes, start, REGISTRY_OUTLINE);
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    // JSON.parse's own words for the problem, with its line and column.
    parseRegistryBytes(bytes, file);
    // Not reached while the scan and JSON.parse agree; refusing is the safe side.
    return corruptAndThrow(file, `it is not valid JSON (byte ${error.offset})`, {
      byteOffset: error.offset,
    });
  }
}

function corruptAndThrow(
  file: string,
  problem: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): never {
  throw corruptRegistry(file, problem, details, cause);
}
