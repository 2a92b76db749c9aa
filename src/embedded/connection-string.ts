// The connection string the official client needs for this store (insecure, h2c).
export function connectionStringFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `esdb://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}?tls=false`;
}
