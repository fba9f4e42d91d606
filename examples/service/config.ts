// The service reads its settings from the environment, as it would in a container, so the demo and
// the end-to-end test can point it at a fake upstream on an ephemeral loopback port.

/** ServiceConfig is everything the service needs to start. */
export interface ServiceConfig {
  /** upstreamUrl is the base URL of the upstream API (records, inventory, users, audit store). */
  upstreamUrl: string;
  /**
   * port is where the service listens; 0 lets the system pick a free port.
   * @default 8080
   */
  port: number;
  /**
   * host is the interface the service listens on.
   * @default "127.0.0.1"
   */
  host: string;
  /**
   * requestTimeoutMs bounds each call the upstream client makes.
   * @default 5000
   */
  requestTimeoutMs: number;
}

function readPort(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return number;
}

/**
 * loadConfig reads the ServiceConfig from `environment`: `UPSTREAM_URL` (required), `PORT`,
 * `HOST` and `REQUEST_TIMEOUT_MS`. A missing or malformed value throws an Error naming it.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const upstreamUrl = environment["UPSTREAM_URL"];
  if (upstreamUrl === undefined || upstreamUrl === "") throw new Error("UPSTREAM_URL is required, e.g. http://127.0.0.1:9000");
  return {
    upstreamUrl: new URL(upstreamUrl).href.replace(/\/$/, ""),
    port: readPort(environment["PORT"], "PORT", 8080),
    host: environment["HOST"] || "127.0.0.1",
    requestTimeoutMs: readPort(environment["REQUEST_TIMEOUT_MS"], "REQUEST_TIMEOUT_MS", 5000),
  };
}
