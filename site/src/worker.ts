// The lint worker: the real eslint-plugin-corral rules, typed, in the browser. TypeScript builds a
// program over an in-memory file system (@typescript/vfs) holding the lib files, @types/node and
// @corral/runtime's declarations (typings.json, written by the site build, which the page downloads
// while this script loads and hands over); typescript-eslint's
// parser takes that program through its `programs` option, which needs no file system; ESLint's
// browser Linter runs the plugin's rules with the preset's options.
import * as parser from "@typescript-eslint/parser";
import { createSystem, createVirtualCompilerHost } from "@typescript/vfs";
import plugin, { configs } from "eslint-plugin-corral";
import { Linter } from "eslint/universal";
import ts from "typescript";
import tsconfig from "./playground-tsconfig.json" with { type: "json" };
import type { Finding, LintRequest, LintResult, Preset, Startup, Suggestion, Timings, WorkerRequest } from "./protocol.js";

const now = (): number => performance.timeOrigin + performance.now();
const evaluated = now();

/** fileName is where the editor's code lives in the virtual project. */
const fileName = "/file.ts";

/** Project is the virtual TypeScript project; each lint replaces /file.ts and reuses the rest. */
class Project {
  readonly #options: ts.CompilerOptions;
  readonly #system: ts.System;
  readonly #host: ts.CompilerHost;
  #program: ts.Program | undefined;
  #code = "";

  constructor(files: Record<string, string>) {
    const converted = ts.convertCompilerOptionsFromJson(tsconfig.compilerOptions, "/");
    if (converted.errors.length > 0) throw new Error(`playground-tsconfig.json: ${ts.flattenDiagnosticMessageText(converted.errors[0]!.messageText, "\n")}`);
    this.#options = converted.options;
    this.#system = createSystem(new Map([...Object.entries(files), [fileName, ""]]));
    // The rules resolve "@corral/runtime" with ts.sys, as in Node; a browser has no ts.sys until
    // one is set, and this file system is the one the program sees.
    (ts as unknown as { setSys(system: ts.System): void }).setSys(this.#system);
    const virtual = createVirtualCompilerHost(this.#system, this.#options, ts).compilerHost;
    // vfs's host caches every source file by name forever, right for the libs; the edited file is
    // parsed afresh, with the module format TypeScript asks for (NodeNext decides it per file).
    this.#host = {
      ...virtual,
      // As tsc does: JSDoc is parsed only where it can make a type error (in JavaScript files).
      jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors,
      getSourceFile: (name, languageVersion, onError, shouldCreate) =>
        name === fileName ? ts.createSourceFile(name, this.#code, languageVersion) : virtual.getSourceFile(name, languageVersion, onError, shouldCreate),
    };
  }

  /** program returns a program with `code` as /file.ts; unchanged lib files are reused from the last. */
  program(code: string): ts.Program {
    this.#code = code;
    this.#system.writeFile(fileName, code);
    this.#program = ts.createProgram({ rootNames: [fileName], options: this.#options, host: this.#host, oldProgram: this.#program });
    return this.#program;
  }
}

function lineStarts(code: string): number[] {
  const starts = [0];
  for (let index = code.indexOf("\n"); index !== -1; index = code.indexOf("\n", index + 1)) starts.push(index + 1);
  return starts;
}

function offsetOf(starts: readonly number[], code: string, line: number, column: number): number {
  const start = starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? 0;
  return Math.min(start + Math.max(column, 1) - 1, code.length);
}

function ruleFinding(message: Linter.LintMessage, code: string, starts: readonly number[]): Finding {
  const from = offsetOf(starts, code, message.line, message.column);
  const to = message.endLine === undefined ? from : offsetOf(starts, code, message.endLine, message.endColumn ?? message.column);
  const suggestions: Suggestion[] = (message.suggestions ?? []).map((suggestion) => ({
    desc: suggestion.desc,
    range: [suggestion.fix.range[0], suggestion.fix.range[1]],
    text: suggestion.fix.text,
  }));
  const isRule = message.ruleId?.startsWith("corral/") === true;
  return {
    kind: isRule ? "rule" : "parse-error",
    ruleId: isRule ? message.ruleId!.slice("corral/".length) : "",
    messageId: message.messageId ?? "",
    message: message.message,
    from,
    to: Math.max(to, from),
    line: message.line,
    column: message.column,
    suggestions,
  };
}

function typeFinding(diagnostic: ts.Diagnostic): Finding {
  const from = diagnostic.start ?? 0;
  const position = diagnostic.file?.getLineAndCharacterOfPosition(from) ?? { line: 0, character: 0 };
  return {
    kind: "type-error",
    ruleId: "",
    messageId: `TS${diagnostic.code}`,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    from,
    to: from + (diagnostic.length ?? 0),
    line: position.line + 1,
    column: position.character + 1,
    suggestions: [],
  };
}

/** Playground lints code with the plugin's rules over the virtual project. */
class Playground {
  readonly #project: Project;
  readonly #linter = new Linter({ cwd: "/", configType: "flat" });

  constructor(files: Record<string, string>) {
    this.#project = new Project(files);
  }

  /**
   * lint runs the rules on `code`: their findings (or ESLint's parse error), and the program, whose
   * TypeScript diagnostics `types` reports after the findings are on their way.
   */
  lint(code: string, preset: Preset): { findings: Finding[]; timings: Timings; program: ts.Program } {
    const started = performance.now();
    const program = this.#project.program(code);
    const built = performance.now();
    const messages = this.#linter.verify(
      code,
      [
        {
          files: ["**/*.ts"],
          plugins: { corral: plugin as unknown as NonNullable<Linter.Config["plugins"]>[string] },
          languageOptions: {
            parser: parser as unknown as Linter.Parser,
            parserOptions: { programs: [program], tsconfigRootDir: "/" },
          },
          rules: configs[preset].rules as Linter.RulesRecord,
        },
      ],
      { filename: fileName },
    );
    const linted = performance.now();
    const starts = lineStarts(code);
    return { findings: messages.map((message) => ruleFinding(message, code, starts)), timings: { program: built - started, lint: linted - built }, program };
  }

  /** types returns TypeScript's errors in /file.ts of `program`. */
  types(program: ts.Program): Finding[] {
    return program.getSemanticDiagnostics(program.getSourceFile(fileName)).map(typeFinding);
  }
}

const scope = self as unknown as { postMessage(message: LintResult): void; onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null };

let startup: Startup | undefined;
let typingsArrived: (files: ArrayBuffer) => void;
const typings = new Promise<ArrayBuffer>((resolve) => {
  typingsArrived = resolve;
});

const ready: Promise<Playground> = typings.then((buffer) => {
  const files = JSON.parse(new TextDecoder().decode(buffer)) as Record<string, string>;
  startup = { evaluated, typings: now() };
  return new Playground(files);
});

// The newest editor lint asked for: the types of an older one are not worth computing.
let newestEditorLint = 0;

function failure(request: LintRequest, error: unknown): LintResult {
  return { type: "failure", purpose: request.purpose, id: request.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

// The rules' findings go out first; TypeScript's diagnostics follow in a task of their own, so a
// newer edit's lint, queued meanwhile, can go first and make them moot. A file ESLint could not
// parse has its syntax error reported once, by ESLint.
function lint(playground: Playground, request: LintRequest): void {
  const { findings, timings, program } = playground.lint(request.code, request.preset);
  scope.postMessage({ type: "result", purpose: request.purpose, id: request.id, findings, timings, startup: startup! });
  const unparsed = findings.some((finding) => finding.kind === "parse-error");
  setTimeout(() => {
    if (request.purpose === "editor" && request.id < newestEditorLint) return;
    const started = performance.now();
    try {
      const types = unparsed ? [] : playground.types(program);
      scope.postMessage({ type: "types", purpose: request.purpose, id: request.id, findings: types, ms: performance.now() - started });
    } catch (error) {
      scope.postMessage(failure(request, error));
    }
  }, 0);
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === "typings") {
    typingsArrived(request.files);
    return;
  }
  if (request.purpose === "editor") newestEditorLint = Math.max(newestEditorLint, request.id);
  ready.then((playground) => lint(playground, request)).catch((error: unknown) => scope.postMessage(failure(request, error)));
};
