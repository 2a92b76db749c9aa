// Logs are readable lines on a terminal and JSON lines anywhere else (a pipe, a file, a supervisor's
// journal); LOG_FORMAT overrides the guess. Readable lines escape what pino-pretty leaves raw.
import { Writable } from 'node:stream';
import t from 'tap';
import { processLogger } from '../../src/cli/logger.js';

/* eslint-disable no-control-regex -- these tests look for control characters */

function target(isTTY: boolean): Writable & { isTTY: boolean; text(): Promise<string> } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: async () => (await new Promise((r) => setTimeout(r, 50)), text) });
}

t.test('on a terminal the log is readable lines, not JSON', async (t) => {
  const out = target(true);
  processLogger('info', 'auto', out).info({ store: 'embedded' }, 'event store reachable');
  const text = await out.text();
  t.match(text, /INFO.*event store reachable/);
  t.match(text.replace(/\u001b\[\d+m/g, ''), /"store":"embedded"/, 'the fields on the same line');
  t.notOk(text.trimStart().startsWith('{'), 'not a JSON line');
});

t.test('when stdout is not a terminal the log is JSON lines', async (t) => {
  const out = target(false);
  processLogger('info', 'auto', out).info({ store: 'embedded' }, 'event store reachable');
  const line: unknown = JSON.parse((await out.text()).trim());
  t.match(line, { level: 30, msg: 'event store reachable', store: 'embedded' });
});

t.test('LOG_FORMAT overrides the guess both ways', async (t) => {
  const json = target(true);
  processLogger('info', 'json', json).info('hello');
  t.match(JSON.parse((await json.text()).trim()), { msg: 'hello' });
  const pretty = target(false);
  processLogger('info', 'pretty', pretty).info('hello');
  t.match(await pretty.text(), /INFO.*hello/);
  t.notMatch(await pretty.text(), /\u001b/, 'no colours when the target is not a terminal');
});

t.test('readable lines show control and bidi characters as escapes', async (t) => {
  const out = target(false);
  processLogger('info', 'pretty', out).info({ title: 'a\u202Eb\u009Bc' }, 'seen \u001b[2J');
  const text = await out.text();
  t.notMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
  t.match(text, 'a\\u202Eb\\u009Bc');
});
