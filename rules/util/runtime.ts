// What the rules and the codemod know of @corral/runtime, in one place: the package name they
// recognise it by and write imports of, and the exports they rely on. The plugin does not depend
// on the runtime (applications do), so these are names, not imports; tests/project/runtime-names
// checks every one against the runtime's real exports.

/** runtimeModule is the package applications import the runtime from. */
export const runtimeModule = "@corral/runtime";

/**
 * runtimeOwners are the runtime's functions and methods that take ownership of the work handed to
 * them: its failure goes to a supervisor, an ErrGroup's wait(), a result or a record, never nowhere.
 */
export const runtimeOwners = {
  functions: ["go", "map", "mapSettled"],
  methods: { Supervisor: ["go"], ErrGroup: ["go", "tryGo"], WorkerPool: ["submit", "trySubmit"] },
} as const;

/** runtimeLimiters are the runtime's bounded fan-out functions and the classes whose every method bounds what it runs. */
export const runtimeLimiters = {
  functions: ["map", "mapSettled"],
  classes: ["Semaphore", "ErrGroup", "WorkerPool", "RateLimiter"],
} as const;

/** RuntimeExport is an export of the runtime that a rewrite (a rule's suggestion or the codemod) may import. */
export type RuntimeExport = (typeof runtimeRewriteExports)[number];

/** runtimeRewriteExports lists the exports rewrites import. */
export const runtimeRewriteExports = ["go", "map", "mapSettled", "ErrGroup", "timeoutSignal"] as const;

/** runtimeOwnerNames is every owner function and method name, for call sites known only by name. */
export const runtimeOwnerNames: ReadonlySet<string> = new Set([
  ...runtimeOwners.functions,
  ...Object.values(runtimeOwners.methods).flat(),
]);
