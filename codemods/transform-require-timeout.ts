import { manual, type Transform } from "./transform.js";
/** requireTimeout plans the rewrite of a corral/require-timeout finding. */
export const requireTimeout: Transform = () => manual("todo");
