// corral/runtime: Go-style structured concurrency for TypeScript, with no dependencies and no
// Node-only APIs. Each primitive lives in its own file; this file is the public API.
export { type Clock, systemClock } from "./clock.js";
export { TimeoutError } from "./errors.js";
export { type LinkedSignal, type LinkOptions, abortable, linkSignal, onAbort, timeoutSignal } from "./signals.js";
