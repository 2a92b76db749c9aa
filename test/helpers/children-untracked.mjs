// Preloaded into every test process (.taprc node-arg). tap's coverage tracker (@tapjs/processinfo) adds its own
// --import to the NODE_OPTIONS of every process a test starts (through process-on-spawn), so a `ledger` command, a
// ledger server or the standalone store would load it too and send it every module it loads. The suite runs without
// coverage (.taprc: disable-coverage), so the processes the tests start are spared it: about 0.3 s of CPU each
// (ADR 0081). Listeners run in the order they were added: this one runs after the tracker's.
import processOnSpawn from 'process-on-spawn';

const tracker = /"[^"]*@tapjs\/processinfo[^"]*"|\S*@tapjs\/processinfo\S*/g;

processOnSpawn.addListener((child) => {
  const { NODE_OPTIONS: options, ...env } = child.env;
  const rest = (options ?? '').replace(tracker, '').trim();
  child.env = rest === '' ? env : { ...env, NODE_OPTIONS: rest };
});
