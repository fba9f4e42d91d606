// Verify: a rewritten file must not add a type diagnostic. Each tsconfig's program is built once
// with the TypeScript compiler API, one tsconfig at a time (so one program is alive at once), and
// files are changed in batches: every rewrite of the tsconfig first, then one check of each,
// because each change makes a new program whose checker starts cold. Diagnostics are compared by
// code and message (positions move with the edits), as multisets.
//
// The program is TypeScript's own (a compiler host that serves the rewritten texts), not ts-morph's:
// ts-morph 28 parses files without their module format (impliedNodeFormat), so under `module:
// node16` every file looked like an ES module to its checker, and an import that a CommonJS build
// cannot compile (TS1479, an ESM-only package) passed unseen.
import ts from "typescript";

/** Diagnostic is a type or syntax error in one file. */
export interface Diagnostic {
  line: number;
  message: string;
  key: string;
}

function readConfig(tsconfig: string): ts.ParsedCommandLine {
  let failure: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => (failure = diagnostic) });
  if (!parsed) throw new Error(`${tsconfig}: ${failure ? ts.flattenDiagnosticMessageText(failure.messageText, " ") : "could not be read"}`);
  return parsed;
}

/** TypeVerifier type-checks the files of one tsconfig, as they are on disk or as rewritten. */
export class TypeVerifier {
  readonly #config: ts.ParsedCommandLine;
  readonly #host: ts.CompilerHost;
  readonly #texts = new Map<string, string>();
  // Parsed files by name and module format, shared by the programs of successive batches, so an
  // unchanged file is parsed once and TypeScript reuses the old program's structure for it.
  readonly #parsed = new Map<string, ts.SourceFile>();
  #program: ts.Program | undefined;
  #stale = true;

  constructor(tsconfig: string) {
    this.#config = readConfig(tsconfig);
    const host = ts.createCompilerHost(this.#config.options, true);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
      const format = typeof languageVersionOrOptions === "object" ? String(languageVersionOrOptions.impliedNodeFormat) : "";
      const key = `${fileName}\0${format}`;
      let source = this.#parsed.get(key);
      if (source === undefined) {
        const text = this.#texts.get(fileName);
        source = text === undefined ? read(fileName, languageVersionOrOptions, onError, shouldCreate) : ts.createSourceFile(fileName, text, languageVersionOrOptions, true);
        if (source) this.#parsed.set(key, source);
      }
      return source;
    };
    this.#host = host;
  }

  /** setTexts replaces the texts of the given files in the checked program (nothing is written to disk). */
  setTexts(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) {
      this.#texts.set(file, text);
      for (const key of [...this.#parsed.keys()]) if (key.startsWith(`${file}\0`)) this.#parsed.delete(key);
    }
    if (texts.size > 0) this.#stale = true;
  }

  #currentProgram(): ts.Program {
    if (this.#stale || !this.#program) {
      const rootNames = [...new Set([...this.#config.fileNames, ...this.#texts.keys()])];
      this.#program = ts.createProgram({ rootNames, options: this.#config.options, projectReferences: this.#config.projectReferences ?? [], host: this.#host, oldProgram: this.#program });
      this.#stale = false;
    }
    return this.#program;
  }

  /** diagnostics returns the syntax and type diagnostics of `file` as the program now has it. */
  diagnostics(file: string): Diagnostic[] {
    const program = this.#currentProgram();
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
