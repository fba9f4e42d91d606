// Verify: a rewritten file must not add a type diagnostic. The tsconfig's program is loaded once
// with ts-morph; each changed file is checked as it was and as rewritten, and diagnostics are
// compared by code and message (positions move with the edits), as multisets.
import { Project, ts } from "ts-morph";

/** Diagnostic is a type or syntax error in one file. */
export interface Diagnostic {
  line: number;
  message: string;
  key: string;
}

/** TypeVerifier type-checks files of one tsconfig, before and after their rewrite. */
export class TypeVerifier {
  readonly #project: Project;

  constructor(tsconfig: string) {
    this.#project = new Project({ tsConfigFilePath: tsconfig });
  }

  /** setText replaces the text of `file` in the checked program (nothing is written to disk). */
  setText(file: string, text: string): void {
    this.#project.createSourceFile(file, text, { overwrite: true });
  }

  /** diagnostics returns the syntax and type diagnostics of `file` as the program now has it. */
  diagnostics(file: string): Diagnostic[] {
    const program = this.#project.getProgram().compilerObject;
    const source = program.getSourceFile(file);
    if (!source) return [];
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      const line = diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
      return { line, message, key: `TS${diagnostic.code}: ${message}` };
    });
  }
}

/** addedDiagnostics returns the diagnostics of `after` that `before` does not have (as multisets). */
export function addedDiagnostics(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const remaining = new Map<string, number>();
  for (const diagnostic of before) remaining.set(diagnostic.key, (remaining.get(diagnostic.key) ?? 0) + 1);
  return after.filter((diagnostic) => {
    const count = remaining.get(diagnostic.key) ?? 0;
    if (count > 0) remaining.set(diagnostic.key, count - 1);
    return count === 0;
  });
}
