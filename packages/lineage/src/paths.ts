/**
 * A shortest chain `ancestor → … → descendant`, found by walking up from
 * `descendant` only (ancestries are usually far smaller than descendant
 * sets). `[ancestor]` when both are the same; undefined when `ancestor` is
 * not one.
 */
export function findDescendingPath<T>(
  ancestor: T,
  descendant: T,
  parentsOf: (node: T) => Iterable<T>,
): T[] | undefined {
  // For each node reached, the descendant it was reached from.
  const reachedFrom = new Map<T, T | undefined>([[descendant, undefined]]);
  const queue: T[] = [descendant];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] as T;
    if (current === ancestor) {
      const path: T[] = [];
      for (let at: T | undefined = current; at !== undefined; at = reachedFrom.get(at)) {
        path.push(at);
      }
      return path;
    }
    for (const next of parentsOf(current)) {
      if (reachedFrom.has(next)) continue;
      reachedFrom.set(next, current);
      queue.push(next);
    }
  }
  return undefined;
}
