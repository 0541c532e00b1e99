import { corruptRegistry } from './corrupt.js';
import { decodeUtf8 } from './utf8.js';

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

function corruptAndThrow(
  file: string,
  problem: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): never {
  throw corruptRegistry(file, problem, details, cause);
}
