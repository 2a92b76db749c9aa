// The tail every bench child server shares: listen on a free local port, print it as the first stdout
// line (process.ts reads it), and shut down on SIGTERM/SIGINT.
import * as grpc from '@grpc/grpc-js';

export function serveUntilSignalled(server: grpc.Server): void {
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
  const shutdown = (): void => server.tryShutdown(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
