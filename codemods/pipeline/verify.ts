// Verify: a rewritten file must not add a type diagnostic. Each tsconfig's program is loaded once
// with ts-morph, one tsconfig at a time (so one program is alive at once), and files are changed
// in batches: every rewrite of the tsconfig first, then one check of each, because each change
// makes a new program whose checker starts cold. Diagnostics are compared by code and message
// (positions move with the edits), as multisets.
import { Project, ts } from "ts-morph";

/** Diagnostic is a type or syntax error in one file. */
export interface Diagnostic {
  line: number;
  message: string;
  key: string;
}

/** TypeVerifier type-checks the files of one tsconfig, as they are on disk or as rewritten. */
export class TypeVerifier {
  readonly #project: Project;
  // Asking ts-morph for the program compares every file's version (thousands in a big project), so
  // the program is asked for once per batch of changes, not once per checked file.
  #program: ts.Program | undefined;

  constructor(tsconfig: string) {
    // Without resolving dependencies up front, the first program is built once the rewritten texts
    // are in: the changed files are parsed once, not once as they were and again as rewritten.
    this.#project = new Project({ tsConfigFilePath: tsconfig, skipFileDependencyResolution: true });
  }

  /** setTexts replaces the texts of the given files in the checked program (nothing is written to disk). */
  setTexts(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) this.#project.createSourceFile(file, text, { overwrite: true });
    if (texts.size > 0) this.#program = undefined;
  }

  /** diagnostics returns the syntax and type diagnostics of `file` as the program now has it. */
  diagnostics(file: string): Diagnostic[] {
    this.#program ??= this.#project.getProgram().compilerObject;
    const program = this.#program;
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
