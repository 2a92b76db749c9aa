// `ledger replay [--as-of <date>] [--axis valid|recorded] [--url esdb://...] [--json]`: reads the
// whole ledger from position 0 through every projection and prints Thailand's position on each
// issue at that point. Connects to --url, else ESDB_URL, else starts the embedded store on DATA_DIR,
// or, when a running ledger holds it, reads through that ledger's store.
import { InvalidArgumentError, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../../config.js';
import type { OpenedStore } from '../../boot/open-store.js';
import { asOfInstant } from '../../../contracts/dates.js';
import { asOfFor, type Axis, type CurrentPositionView } from '../../../projections/index.js';
import { processLogger } from '../logger.js';
import { complain, printableJson, say } from '../terminal.js';

interface ReplayOptions {
  asOf?: string;
  axis: Axis;
  url?: string;
  json: boolean;
}

function parseAxis(value: string): Axis {
  if (value === 'valid' || value === 'recorded') return value;
  throw new InvalidArgumentError('Give valid (in force on that date) or recorded (what the ledger showed then).');
}

function parseAsOfOption(value: string): string {
  try {
    return asOfInstant(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : 'not a date');
  }
}

/** Shows a progress bar on stderr once a replay has gone past this many events. */
const LONG_REPLAY = 20_000;

function line(p: CurrentPositionView): string {
  const f = p.inForce;
  const inForce =
    f === null
      ? 'no position in force'
      : `v${f.version} ${f.stance} (${f.authority}, ${f.decisionRef}, from ${f.effectiveFrom})`;
  const pending = p.pendingDraft === null ? '' : `; pending draft v${p.pendingDraft.version} ${p.pendingDraft.stance}`;
  const title = p.issue === null ? '' : ` ${p.issue.title.en}`;
  return `${p.issueId}${title}: ${inForce}${pending}`;
}

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('Replay the whole ledger through every projection and print the positions at a point in time')
    .option(
      '--as-of <date>',
      'ISO instant, ISO date or Thai date (a date means the end of that day in Bangkok); default now',
      parseAsOfOption,
    )
    .option(
      '--axis <axis>',
      'valid: in force on that date, knowing everything; recorded: what the ledger showed then',
      parseAxis,
      'valid',
    )
    .option(
      '--url <connection>',
      'EventStoreDB connection string (default ESDB_URL, else the embedded store on DATA_DIR)',
    )
    .option('--json', 'print JSON instead of one line per issue', false)
    .action(async (options: ReplayOptions) => {
      // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
      const [{ openStore }, { replayAll }, { createReadModels }] = await Promise.all([
        import('../../boot/open-store.js'),
        import('../../read/replay.js'),
        import('../../read/read-models.js'),
      ]);
      let opened: OpenedStore | null = null;
      try {
        const config = loadConfig(process.env);
        // The same way in as `ledger serve`: the store adapter over the client, embedded store or not.
        opened = await openStore(
          { ...config, esdbUrl: options.url ?? config.esdbUrl, embeddedStorePort: 0 },
          processLogger('warn', config.logFormat, process.stderr),
          { reachRunning: true },
        );
        if (opened.reachedRunning)
          complain(
            `The store in ${config.dataDir} is held by a running ledger: reading through it (${opened.connectionString}).`,
          );
        const { store } = opened;
        const instant = options.asOf ?? new Date().toISOString();
        const asOf = asOfFor(options.axis, instant);
        const progress: { bar: SingleBar | null } = { bar: null };
        const started = Date.now();
        const result = await replayAll(store, {
          onProgress: (events) => {
            if (progress.bar === null && events >= LONG_REPLAY && process.stderr.isTTY) {
              progress.bar = new SingleBar({
                format: 'replaying {value} events  {rate} events/s',
                stream: process.stderr,
                hideCursor: true,
              });
              progress.bar.start(0, events, { rate: '0' });
            }
            progress.bar?.update(events, {
              rate: String(Math.round(events / Math.max(0.001, (Date.now() - started) / 1000))),
            });
          },
        });
        progress.bar?.stop();
        const positions = createReadModels(result.index).positions(asOf);
        if (options.json) {
          console.log(
            printableJson(
              { asOf: instant, axis: options.axis, events: result.events, rejected: result.rejected, positions },
              2,
            ),
          );
        } else {
          say(
            `Positions as of ${instant} (${options.axis} axis), from ${result.events} events in ${Date.now() - started} ms${result.rejected > 0 ? `; ${result.rejected} unreadable events skipped` : ''}:`,
          );
          for (const p of positions) say(`  ${line(p)}`);
        }
      } catch (error) {
        complain(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      } finally {
        await opened?.close();
      }
    });
}
