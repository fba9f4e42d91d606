// The seam between the portable harness and the host that runs it. run.mjs bundles the tests
// with host-bun.ts, host-deno.ts or host-chromium.ts in place of this file; these stubs only give
// the type checker the shape and fail loudly if the harness is ever loaded unbundled.

/** HostTest is one test, hooks included, as the registry hands it to the host's runner. */
export interface HostTest {
  /** name is the test's full name: file, describe blocks and title, joined by " > ". */
  readonly name: string;
  /** run runs the hooks and the test, and rejects with the first failure or a timeout. */
  readonly run: () => Promise<void>;
  /** timeout is the test's own limit in milliseconds; the host's limit must be larger. */
  readonly timeout: number;
}

/** hostName names the host: "bun", "deno" or "chromium". */
export const hostName: string = "unbundled";

/** register hands one test to the host's runner. */
export function register(test: HostTest): void {
  throw new Error(`tests/runtime/hosts/host.ts is a stub: run ${test.name} through tests/runtime/hosts/run.mjs`);
}

/** onUnhandledRejection calls `listener` with each unhandled rejection's reason until the returned function is called. */
export function onUnhandledRejection(listener: (reason: unknown) => void): () => void {
  void listener;
  throw new Error("tests/runtime/hosts/host.ts is a stub: run the tests through tests/runtime/hosts/run.mjs");
}
