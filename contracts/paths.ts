// Paths into plain data, as the catalogue and the command lists write them: dot-separated keys, `[]`
// after a key whose value is an array ("followUps[].due"). Pure.

export interface ValueAt {
  /** JSON Pointer of the value ("/followUps/0/due"). */
  readonly pointer: string;
  readonly value: unknown;
}

/** Every value present at `path` in `node` (none when a step is missing), with its JSON Pointer. */
export function valuesAt(node: unknown, path: string): ValueAt[] {
  let found: ValueAt[] = [{ pointer: '', value: node }];
  for (const step of path.split('.')) {
    const many = step.endsWith('[]');
    const key = many ? step.slice(0, -2) : step;
    const next: ValueAt[] = [];
    for (const { pointer, value } of found) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) continue;
      const inner: unknown = Reflect.get(value, key);
      if (inner === undefined) continue;
      const at = `${pointer}/${key}`;
      if (!many) next.push({ pointer: at, value: inner });
      else if (Array.isArray(inner))
        inner.forEach((item: unknown, i) => next.push({ pointer: `${at}/${i}`, value: item }));
    }
    found = next;
  }
  return found;
}
