// The integrity module's public face (ADR 0022): leaves, the Merkle tree and its stores, proof checks,
// signed checkpoints and their key, and the sealing policy. Nothing here reads the event store or
// starts anything; the composition root wires it to the events.
export { EMPTY_ROOT, HASH_SIZE, leafHash, nodeHash } from './hash.js';
export { eventLeafHash, leafEntry, LeafRecordError, type LeafRecord } from './leaf.js';
export { NodeStoreError, memoryNodeStore, type NodeStore } from './node-store.js';
export { openTreeFile, sqliteNodeStore } from './sqlite-node-store.js';
export { memoryMerkleTree, openMerkleTree, sqliteMerkleTree, TreeRangeError, type MerkleTree } from './tree.js';
export { verifyConsistency, verifyInclusion, type ProofCheck } from './verify.js';
export {
  ed25519Verifier,
  NoteFormatError,
  openNote,
  parseVerifierKey,
  signNote,
  verifierKeyText,
  type NoteSigner,
  type NoteVerifier,
} from './signed-note.js';
export {
  generateSigningKey,
  loadOrCreateSigningKey,
  parseSigningKey,
  SigningKeyError,
  type SigningKey,
} from './signing-key.js';
export {
  checkpointText,
  CheckpointFormatError,
  openCheckpoint,
  parseCheckpointText,
  signCheckpoint,
  type Checkpoint,
  type CheckpointReading,
} from './checkpoint.js';
export {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_SCHEMA,
  CHECKPOINT_STREAM,
  CheckpointEventData,
  checkpointEvent,
  checkpointEventId,
  checkpointNoteOf,
  isCheckpointEvent,
  isLeafEvent,
  leafRecordOf,
  readCheckpointEvent,
  type CheckpointEventToAppend,
  type LeafSource,
} from './checkpoint-stream.js';
export {
  CheckpointConflictError,
  createSealer,
  treeHolds,
  type SealPolicy,
  type SealedCheckpoint,
  type Sealer,
} from './sealer.js';
