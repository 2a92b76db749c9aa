// Worker-thread entry of the read index file's writer (index-file-thread.ts starts it, ADR 0056): the one writer
// of the file while the server runs. Each batch it is handed is written in one transaction with the key rows and
// the checkpoint that go with it (index-file.ts), in the order handed over, and answered when it is committed.
import { parentPort, workerData } from 'node:worker_threads';
import { openIndexFile } from './index-file.js';
import { IndexWriterInit, type FromIndexWriter, type ToIndexWriter } from './index-file-thread.js';

const port = parentPort;
const init = IndexWriterInit.parse(workerData);
if (port === null) throw new Error('the index file writer started without a parent port');

const post = (message: FromIndexWriter): void => port.postMessage(message);
const file = openIndexFile(init.path, init.formatVersion);

port.on('message', (message: ToIndexWriter) => {
  if (message.type === 'close') {
    file.close();
    post({ type: 'closed' });
    port.close();
    return;
  }
  try {
    file.append(message.batch, message.keys, message.checkpoint);
    post({ type: 'appended' });
  } catch (error) {
    // Rolled back (disk full, file system turned read-only): the batch stays with the server's thread.
    post({ type: 'not-appended', message: error instanceof Error ? error.message : String(error) });
  }
});
