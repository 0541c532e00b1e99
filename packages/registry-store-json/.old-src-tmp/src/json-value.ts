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
