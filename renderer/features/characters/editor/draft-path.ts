// Immutable updates of a nested draft by field path (`attributes.interests.2`), so every editor field
// is one `update(path, value)` and undo snapshots share everything that did not change.

/** A field path: object keys and array indexes. */
export type FieldPath = readonly (string | number)[];

/** Reads the value at `path`. */
export function getAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of `root` with `value` at `path`; only the objects along the path are copied. */
export function setAt<T>(root: T, path: FieldPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const node = root as unknown;
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[key as number] = setAt(copy[key as number], rest, value);
    return copy as T;
  }
  const object = (node ?? {}) as Record<string, unknown>;
  return { ...object, [key]: setAt(object[key as string], rest, value) } as T;
}

/** The string form of a path, as validation problems are keyed. */
export const pathKey = (path: FieldPath): string => path.join('.');
