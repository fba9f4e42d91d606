// @corral/runtime: Go-style structured concurrency for TypeScript, with no dependencies and no
// Node-only APIs. Each primitive lives in its own file; this file is the public API.
export { type Clock, systemClock } from "./clock.js";
export { TimeoutError } from "./errors.js";
export { type LinkedSignal, type LinkOptions, abortable, linkSignal, onAbort, timeoutSignal } from "./signals.js";
export { type SuperviseOptions, supervise } from "./supervise.js";
export { type TimeoutOptions, withDeadline, withTimeout } from "./timeout.js";
export { type GoOptions, type GoTask, type SupervisedTask, type SupervisorOptions, type SupervisorShutdownOptions, type SupervisorStats, type TaskErrorHandler, Supervisor, defaultSupervisor, go, raiseUnhandled, reportTaskError } from "./supervisor.js";
export { type SingleFlightOptions, type SingleFlightResult, SingleFlight } from "./singleflight.js";
export { type SemaphoreAcquireOptions, type SemaphoreRunOptions, Semaphore } from "./semaphore.js";
export { type RateLimiterOptions, type RateLimiterWaitOptions, type Reservation, RateLimiter } from "./rate-limiter.js";
export { type ErrGroupOptions, type ErrGroupTask, ErrGroup } from "./errgroup.js";
export { type MapFunction, type MapOptions, map, mapSettled } from "./map.js";
export { type WorkerPoolHandler, type WorkerPoolOptions, type WorkerPoolResult, type WorkerPoolStats, WorkerPool, WorkerPoolClosedError } from "./worker-pool.js";
export { type ChannelOperationOptions, type ReceiveResult, Channel, ChannelClosedError } from "./channel.js";
export { type AbortCase, type CheckedCases, type ReceiveCase, type SelectCase, type SelectCaseResult, type SelectDefault, type SelectOptions, type SelectResult, type SendCase, select } from "./select.js";
export { type FanElement, type FanOptions, type FanOutSource, type FanOutWorker, type FanSource, fanIn, fanOut } from "./fan.js";
