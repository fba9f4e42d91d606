import { manual, type Transform } from "./transform.js";
/** unboundedConcurrency plans the rewrite of a corral/no-unbounded-concurrency finding. */
export const unboundedConcurrency: Transform = () => manual("todo");
