// The published RFC 6962 proof vectors (transparency-dev/merkle testdata, in ../shared/vectors/rfc6962,
// read at run time): every proof a correct verifier must accept is accepted, and every forged,
// truncated or padded one is refused.
import t from 'tap';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyConsistency, verifyInclusion } from '../../src/integrity/verify.js';

const root = fileURLToPath(new URL('../../../shared/vectors/rfc6962/', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const proofOf = (p: string[] | null): Buffer[] => (p ?? []).map(b64);

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

const inclusion = jsonFiles(join(root, 'inclusion'));
const consistency = jsonFiles(join(root, 'consistency'));

t.test('the vector folders hold both accepted and refused proofs of each kind', async (t) => {
  t.ok(inclusion.length > 50, `${inclusion.length} inclusion vectors`);
  t.ok(consistency.length > 50, `${consistency.length} consistency vectors`);
});

t.test('inclusion proofs are accepted or refused as each vector says', async (t) => {
  let refused = 0;
  for (const file of inclusion) {
    const v = JSON.parse(readFileSync(file, 'utf8')) as InclusionVector;
    const check = verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, proofOf(v.proof), b64(v.root));
    t.equal(check.ok, !v.wantErr, `${relative(root, file)}${check.ok ? '' : `: ${check.reason}`}`);
    if (v.wantErr) refused += 1;
  }
  t.ok(refused > 0, `${refused} of the vectors must be refused`);
});

t.test('consistency proofs are accepted or refused as each vector says', async (t) => {
  let refused = 0;
  for (const file of consistency) {
    const v = JSON.parse(readFileSync(file, 'utf8')) as ConsistencyVector;
    const check = verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), b64(v.root2));
    t.equal(check.ok, !v.wantErr, `${relative(root, file)}${check.ok ? '' : `: ${check.reason}`}`);
    if (v.wantErr) refused += 1;
  }
  t.ok(refused > 0, `${refused} of the vectors must be refused`);
});
