// The service's entry point: `UPSTREAM_URL=http://… node main.js`. It prints the address it listens
// on, and stops on SIGTERM or SIGINT once the requests in flight are answered.

import type { AddressInfo } from "node:net";
import { loadConfig } from "./config.js";
import { createService } from "./server.js";

const config = loadConfig();
const server = createService(config);

server.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`listening on http://${address}:${port}`);
});

function stop(): void {
  server.close();
  server.closeIdleConnections();
  // A request stuck on an upstream that never answers would hold the process open forever.
  setTimeout(() => process.exit(0), 2000).unref();
}

process.once("SIGTERM", stop);
process.once("SIGINT", stop);
