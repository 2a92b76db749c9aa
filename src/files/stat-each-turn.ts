// A file's stat taken at most once per turn of the event loop (ADR 0051). A server asks whether a small file
// changed (the token file, on every request) far more often than it changes; under load one turn of the loop
// handles many requests, and each of them paying for its own stat (a syscall and a Stats object) sees
// nothing the first one did not: what changed before the turn began is seen by all of them, what changes
// during it is seen by the next turn's first request. The stat is forgotten when the turn ends (setImmediate
// runs after the turn's I/O callbacks) or when the caller says the file changed (`forget`, after writing it).
import { statSync, type Stats } from 'node:fs';

export interface StatEachTurn {
  /** The file's stat as taken this turn (undefined: no such file); throws what statSync throws, and keeps nothing. */
  (): Stats | undefined;
  /** Forgets this turn's stat: the next call takes a new one. */
  forget(): void;
}

export function statEachTurn(file: string): StatEachTurn {
  let taken = false;
  let info: Stats | undefined;
  const forget = (): void => {
    taken = false;
    info = undefined;
  };
  const stat = (): Stats | undefined => {
    if (!taken) {
      info = statSync(file, { throwIfNoEntry: false });
      taken = true;
      setImmediate(forget);
    }
    return info;
  };
  return Object.assign(stat, { forget });
}
