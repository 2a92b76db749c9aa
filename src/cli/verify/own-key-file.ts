// Where the ledger's own signing key file is, from the configuration.
import path from 'node:path';
import type { Config } from '../../config.js';

export function ownKeyFile(config: Config): string {
  return path.join(config.dataDir, 'signing.key');
}
