// The ledger's own signing key, as the server reads it (config.checkpoints: SIGNING_KEY_FILE, or the
// default file in DATA_DIR), for its public half only.
import type { Config } from '../../config.js';

export function ownKeyFile(config: Config): { file: string; name: string } {
  return { file: config.checkpoints.signingKey.file, name: config.checkpoints.origin };
}
