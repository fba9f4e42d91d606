import ts from "typescript";
import { perProgram } from "./analysis-engine.js";
import { findInProgramCode, lineOf, skipOuterExpressions } from "./project-functions.js";
import { isRuntimeDeclaration } from "./is-runtime-declaration.js";

/**
 * SupervisorRouting is where the program's own code tells the runtime's default supervisor where a
 * failed `go` task goes: `defaultSupervisor.onError = …`.
 */
export interface SupervisorRouting {
  /** fileName is the absolute path of the file that assigns the handler. */
  fileName: string;
  /** line is the 1-based line of the assignment. */
  line: number;
}

/**
 * unroutedGoReason is why the codemod leaves dropped work to a person in a program without a
 * SupervisorRouting; the codemod's summary counts the sites that give it.
 */
export const unroutedGoReason =
  "nothing in the program says where a failed `go` task goes (no `defaultSupervisor.onError = …`), so `go` would raise the failure as the same unhandled rejection as today: a new dependency that changes nothing. Send the failure where this code reports errors (`.catch(…)` to its logger), or await it; or set `defaultSupervisor.onError` once at start-up and run the codemod again";

/**
 * getSupervisorRouting returns the first assignment to the runtime's `defaultSupervisor.onError` in
 * the program's own files (in file-name order; not its dependencies, declaration files or tests), or
 * undefined when there is none. Without one, the default supervisor raises a failed task as an
 * unhandled rejection again, so `go` around dropped work changes where no failure goes: the codemod
 * hands work to `go` only where the program has said where its failures go. Found once per
 * program: only files whose text mentions both names are walked.
 */
export function getSupervisorRouting(program: ts.Program): SupervisorRouting | undefined {
  return findOnce(program) ?? undefined;
}

// perProgram caches a value per program; null stands for "none", which undefined cannot.
const findOnce = perProgram((program: ts.Program): SupervisorRouting | null => findRouting(program) ?? null);

function findRouting(program: ts.Program): SupervisorRouting | undefined {
  const checker = program.getTypeChecker();
  const mentions = (text: string) => text.includes("defaultSupervisor") && text.includes("onError");
  const result = findInProgramCode(program, mentions, (node, file) => (isOnErrorAssignment(node, checker, program, file.fileName) ? true : undefined));
  return result && { fileName: result.file.fileName, line: lineOf(result.node, result.file) };
}

// `defaultSupervisor.onError = f` (or `runtime.defaultSupervisor.onError = f`), where
// `defaultSupervisor` is the runtime's, however the file imports it.
function isOnErrorAssignment(node: ts.Node, checker: ts.TypeChecker, program: ts.Program, fileName: string): boolean {
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = skipOuterExpressions(node.left);
  if (!ts.isPropertyAccessExpression(target) || target.name.text !== "onError") return false;
  let symbol = checker.getSymbolAtLocation(skipOuterExpressions(target.expression));
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  return symbol?.name === "defaultSupervisor" && declaration !== undefined && isRuntimeDeclaration(program, declaration, fileName);
}
