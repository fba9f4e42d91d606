// What TypeScript itself says about each linted file, read from the very program typescript-eslint
// built for it (so from the tsconfig its project service or `parserOptions.project` chose): that
// tsconfig, and whether @corral/runtime resolves from it. A rule of the codemod's own, run beside corral's, records it.
import { dirname } from "node:path";
import type { ESLint, Rule } from "eslint";
import { pathAliases, runtimeModule } from "eslint-plugin-corral";
import ts from "typescript";

/**
 * RuntimeResolution is where `import … from "@corral/runtime"` leads from a file, if anywhere; when
 * nowhere, the `moduleResolution` the tsconfig sets (undefined for its default), for the message.
 */
export type RuntimeResolution = { resolved: string } | { resolved: undefined; moduleResolution: string | undefined };

/** FileFacts is what the type-checked program says about one linted file. */
export interface FileFacts {
  /** tsconfig is the config file of the program, undefined for a program no tsconfig made (a default project). */
  tsconfig: string | undefined;
  runtime: RuntimeResolution;
  /** aliases are the tsconfig's `paths` patterns that map into the project, whose imports are the project's own. */
  aliases: string[];
  /** commonJs is true where the tsconfig compiles the file to CommonJS (its imports become `require` calls). */
  commonJs: boolean;
}

const commonJsKinds = new Set([ts.ModuleKind.CommonJS, ts.ModuleKind.AMD, ts.ModuleKind.UMD, ts.ModuleKind.System]);
const nodeKinds = new Set([ts.ModuleKind.Node16, ts.ModuleKind.Node18, ts.ModuleKind.NodeNext]);

// What `tsc` emits for the file: CommonJS for `module: commonjs`, and under node16/nodenext for a
// file that Node loads as CommonJS (a .cts, or a .ts in a package without "type": "module").
function emitsCommonJs(options: ts.CompilerOptions, source: ts.SourceFile): boolean {
  const kind = options.module ?? (options.target !== undefined && options.target >= ts.ScriptTarget.ES2015 ? ts.ModuleKind.ES2015 : ts.ModuleKind.CommonJS);
  if (commonJsKinds.has(kind)) return true;
  return nodeKinds.has(kind) && source.impliedNodeFormat === ts.ModuleKind.CommonJS;
}

/** factsRuleId is the id the codemod's recording rule runs under, beside corral's rules. */
export const factsRuleId = "corral-codemod/facts";

const typedExtensions = new Set([ts.Extension.Ts, ts.Extension.Tsx, ts.Extension.Dts, ts.Extension.Mts, ts.Extension.Cts, ts.Extension.Dmts, ts.Extension.Dcts]);

// Resolution depends on the program's options and the importing folder (and, under node16 and
// nodenext, on whether the importing file is ESM), so it is cached on exactly those.
function resolveRuntime(cache: WeakMap<ts.Program, Map<string, RuntimeResolution>>, program: ts.Program, file: ts.SourceFile): RuntimeResolution {
  let byFolder = cache.get(program);
  if (byFolder === undefined) {
    byFolder = new Map();
    cache.set(program, byFolder);
  }
  const key = `${String(file.impliedNodeFormat)}:${dirname(file.fileName)}`;
  let resolution = byFolder.get(key);
  if (resolution === undefined) {
    const options = program.getCompilerOptions();
    const { resolvedModule } = ts.resolveModuleName(runtimeModule, file.fileName, options, ts.sys, undefined, undefined, file.impliedNodeFormat);
    // A package that resolves to JavaScript only gives the rewrites no types to be checked against.
    resolution =
      resolvedModule && typedExtensions.has(resolvedModule.extension as ts.Extension)
        ? { resolved: resolvedModule.resolvedFileName }
        : { resolved: undefined, moduleResolution: options.moduleResolution === undefined ? undefined : ts.ModuleResolutionKind[options.moduleResolution]?.toLowerCase() };
    byFolder.set(key, resolution);
  }
  return resolution;
}

/**
 * FactsRecorder is the codemod's ESLint plugin (namespace `corral-codemod`) whose one rule records
 * the FileFacts of every file it runs on, and nothing else: it reports no problem.
 */
export class FactsRecorder {
  readonly facts = new Map<string, FileFacts>();
  /** untyped lists the files linted without type information, which corral's rules cannot check. */
  readonly untyped = new Set<string>();
  readonly #resolutions = new WeakMap<ts.Program, Map<string, RuntimeResolution>>();

  /** plugin is the ESLint plugin to register as `corral-codemod`. */
  readonly plugin: ESLint.Plugin = {
    meta: { name: "corral-codemod" },
    rules: {
      facts: {
        meta: { type: "problem", schema: [] },
        create: (context: Rule.RuleContext) => ({
          Program: () => this.#record(context),
        }),
      },
    },
  };

  #record(context: Rule.RuleContext): void {
    const file = context.physicalFilename;
    const program = (context.sourceCode.parserServices as { program?: ts.Program | null } | undefined)?.program;
    const source = program?.getSourceFile(file);
    if (!program || !source) {
      this.untyped.add(file);
      return;
    }
    const tsconfig = program.getCompilerOptions().configFilePath;
    this.facts.set(file, {
      tsconfig: typeof tsconfig === "string" ? tsconfig : undefined,
      runtime: resolveRuntime(this.#resolutions, program, source),
      aliases: pathAliases(program.getCompilerOptions().paths),
      commonJs: emitsCommonJs(program.getCompilerOptions(), source),
    });
  }
}
