// corral/runtime: Go-style structured concurrency for TypeScript, with no dependencies and no
// Node-only APIs. Each primitive lives in its own file; this file is the public API.
export { systemClock } from "./clock.js";
export { TimeoutError } from "./errors.js";
export { abortable, linkSignal, onAbort, timeoutSignal } from "./signals.js";
export { supervise } from "./supervise.js";
export { withDeadline, withTimeout } from "./timeout.js";
export { Supervisor, defaultSupervisor, go, reportTaskError } from "./supervisor.js";
export { SingleFlight } from "./singleflight.js";
export { Semaphore } from "./semaphore.js";
export { RateLimiter } from "./rate-limiter.js";
export { ErrGroup } from "./errgroup.js";
export { map, mapSettled } from "./map.js";
export { WorkerPool, WorkerPoolClosedError } from "./worker-pool.js";
export { Channel, ChannelClosedError } from "./channel.js";
export { select } from "./select.js";
export { fanIn, fanOut } from "./fan.js";
//# sourceMappingURL=index.js.map