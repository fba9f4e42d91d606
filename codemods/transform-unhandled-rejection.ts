import { manual, type Transform } from "./transform.js";
/** unhandledRejection plans the rewrite of a corral/no-unhandled-rejection finding. */
export const unhandledRejection: Transform = () => manual("todo");
