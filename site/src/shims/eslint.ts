// What `require("eslint")` gives inside the playground's bundle. @typescript-eslint/utils (which the
// rules import) subclasses ESLint's Node classes when it loads; only Linter and SourceCode can work
// in a browser, so those are the real ones and the file-system classes fail loudly if constructed.
import { Linter } from "eslint/universal";
// @ts-expect-error: eslint ships no declarations for its internal modules
import { SourceCode } from "../../../node_modules/eslint/lib/languages/js/source-code/index.js";

function unavailable(name: string): new () => never {
  return class {
    constructor() {
      throw new Error(`eslint's ${name} needs a file system; the playground lints with Linter`);
    }
  } as unknown as new () => never;
}

export const ESLint = unavailable("ESLint");
export const RuleTester = unavailable("RuleTester");
export { Linter, SourceCode };
