// What the codemod knows of its own package, read from its package.json alone, so that
// `corral --version` and `corral --help` answer without loading the pipeline.
import { createRequire } from "node:module";

const manifest = createRequire(import.meta.url)("corral/package.json") as { version: string; repository: { url: string } };

/** codemodVersion is the version of this package; the three packages are released in lockstep. */
export const codemodVersion = manifest.version;

/** repositoryUrl is the web address of the repository the package's `repository` field names. */
export const repositoryUrl = manifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

/**
 * docsUrl is the web address of a page under the repository's docs/ (`codemods.md`,
 * `rules/require-timeout.md#options`): the installed packages do not ship docs/, so messages link
 * to the pages where they are read.
 */
export function docsUrl(page: string): string {
  return `${repositoryUrl}/blob/main/docs/${page}`;
}
