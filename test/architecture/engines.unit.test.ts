// `npm install` on a clean clone prints no EBADENGINE warning: every package the lockfile installs
// supports the oldest Node the project declares (package.json engines), so nothing asks for a newer
// runtime than the one the README tells people to install.
import { readFile } from 'node:fs/promises';
import t from 'tap';
import semver from 'semver';
import { z } from 'zod';

const Engines = z.object({ node: z.string().optional() }).optional();
const Manifest = z.object({ engines: Engines });
const Lockfile = z.object({
  packages: z.record(z.string(), z.object({ version: z.string().optional(), engines: z.unknown().optional() })),
});

t.test('every installed package supports the oldest Node the project declares', async (t) => {
  const declared = Manifest.parse(JSON.parse(await readFile('package.json', 'utf8'))).engines?.node;
  t.ok(declared, 'package.json declares engines.node');
  const oldest = semver.minVersion(declared ?? '*');
  t.ok(oldest);
  if (oldest === null) return;
  const lock = Lockfile.parse(JSON.parse(await readFile('package-lock.json', 'utf8')));
  const refusing: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where === '') continue;
    // A few packages write engines as an array of strings (npm ignores those); only the object form counts.
    const parsed = Engines.safeParse(entry.engines);
    const range = parsed.success ? parsed.data?.node : undefined;
    if (range !== undefined && !semver.satisfies(oldest, range))
      refusing.push(`${where}@${entry.version ?? '?'} wants node ${range}`);
  }
  t.same(refusing, [], `all support Node ${oldest.version}`);
});
