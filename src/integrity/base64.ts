// Standard base64 (RFC 4648 §4) read strictly: Buffer.from(text, 'base64') skips characters it does not
// know and ignores stray padding, so a signed text would have many spellings of one value. Only the
// canonical spelling (what Buffer#toString('base64') writes) is accepted here.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}
