// Everything the `ledger` command prints goes through here (docs/adr/0017-text-hygiene.md): text from
// the ledger (titles, labels, messages that quote input) may hold characters a terminal acts on (an
// escape sequence repaints the screen, a carriage return overwrites the line, a bidi override reorders
// what an auditor reads). They are printed as visible escapes instead: \n \r \t, \xHH up to U+00FF,
// \uHHHH beyond (bidi controls, line and paragraph separators, lone surrogates). Thai, emoji and every
// other printable character are printed as they are. Escaping twice changes nothing.
import { DISPLAY_UNSAFE } from '../../contracts/text.js';

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** One line of text, safe to print: what a terminal would act on is shown as an escape. */
export function printable(text: string): string {
  return text.replace(DISPLAY_UNSAFE, (char) => {
    const named = NAMED[char];
    if (named !== undefined) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** Several lines: each made printable, the line breaks between them kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

// JSON.stringify already escapes C0 controls and lone surrogates; these it leaves raw.
const JSON_LEAVES_RAW = /[\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/** JSON for a terminal or a pipe: still valid JSON, with nothing in it a terminal acts on. */
export function printableJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_LEAVES_RAW,
    (char) => `\\u${hex(char.charCodeAt(0), 4).toLowerCase()}`,
  );
}

/** Prints a line on stdout. */
export function say(line: string): void {
  console.log(printable(line));
}

/** Prints a line on stderr. */
export function complain(line: string): void {
  console.error(printable(line));
}
