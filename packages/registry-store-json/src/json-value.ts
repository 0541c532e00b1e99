/** A JSON object as parsed from the file: keys are the file's, values untrusted. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` only when it is the object's own property, so `__proto__` or `constructor` never reach the prototype. */
export function ownValue(value: JsonObject | undefined, key: string): unknown {
  return value !== undefined && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function ownObject(value: JsonObject | undefined, key: string): JsonObject | undefined {
  const found = ownValue(value, key);
  return isJsonObject(found) ? found : undefined;
}

/** How a value looks, for messages: `null`, `an array`, `a string`. */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`;
  return `a ${typeof value} (${String(value)})`;
}

/**
 * Sets `target[key]` as a plain data property, even for `__proto__`, which
 * plain assignment would turn into the object's prototype (so a key read
 * from a file is kept, or reaches the schema to be refused, as it is).
 */
export function defineOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
