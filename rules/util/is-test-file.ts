import { relative } from "node:path";
import type ts from "typescript";

// A folder of tests or mocks, or a test file by its suffix, by the conventions of vitest, jest,
// mocha and node:test.
const testPath = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;

/**
 * isTestFile tells whether `file` is test code of the program: under a `test`, `tests`,
 * `__tests__`, `__mocks__` or `spec` folder (below the program's root), or named `*.test.ts` or
 * `*.spec.ts`. What such code installs or implements (a test double of an interface, a suite's
 * `unhandledRejection` handler) says nothing about what the program does in production, though a
 * project's tsconfig often puts it in the same program.
 */
export function isTestFile(program: ts.Program, file: ts.SourceFile): boolean {
  return testPath.test(relative(program.getCurrentDirectory(), file.fileName).split("\\").join("/"));
}
