// The corral codemod's programmatic API: `runCodemod` is what `npx corral codemod` runs.
export { runCodemod } from "./pipeline/codemod.js";
export type { CodemodOptions } from "./pipeline/options.js";
export {
  type CodemodProgress,
  type CodemodReport,
  type CodemodSummary,
  type FileReport,
  type FileStatus,
  type SiteReport,
  type SiteStatus,
  CodemodInputError,
} from "./pipeline/types.js";
export { explainRule } from "./cli/explain.js";
