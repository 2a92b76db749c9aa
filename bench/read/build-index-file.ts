// `tsx bench/read/build-index-file.ts <path> <events>`: writes a read index file of synthetic ledger
// events for the as-of benchmark, in its own process so the measuring process starts clean (as after
// a restart) and its heap holds none of the building.
import { buildFile } from './as-of-fixture.js';

const [path, events] = process.argv.slice(2);
if (path === undefined || events === undefined) throw new Error('usage: build-index-file.ts <path> <events>');
buildFile(path, Number(events));
