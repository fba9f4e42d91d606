// How a rewritten file reaches @corral/runtime: through an import it already has (also aliased or a
// namespace), or a name added once to an existing import or a new one. Names are chosen before any
// edit, against every identifier of the original file, so an added binding never captures another.
import { type RuntimeExport, runtimeModule } from "eslint-plugin-corral";
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import { isBindingOrReference, scopeOf } from "./bindings.js";
import type { Node } from "./template.js";

export type { RuntimeExport } from "eslint-plugin-corral";

/** ResolvedExport names a runtime export at one site; `use` returns the name and records the import. */
export interface ResolvedExport {
  use(): string;
}

interface ImportSpecifierNode {
  type: string;
  imported?: { name?: string; value?: string };
  local?: { name: string };
  importKind?: string | null;
}

/**
 * RuntimeAccess is what the pipeline learned from TypeScript's program about a file's access to the
 * runtime; without it, import and export statements decide whether the file is a module.
 */
export interface RuntimeAccess {
  /** isModule is TypeScript's module detection (`moduleDetection`, `"type": "module"`, .mts/.cts). */
  isModule?: boolean;
  /** unavailable, when set, is why @corral/runtime does not resolve from the file: every use is manual with it. */
  unavailable?: string | undefined;
}

/**
 * RuntimeImports resolves the names of @corral/runtime exports in one file and remembers which
 * imports the applied rewrites need, for addRuntimeImports.
 */
export class RuntimeImports {
  readonly #taken = new Set<string>();
  readonly #imported = new Map<string, string>();
  #namespace: string | undefined;
  readonly #isModule: boolean;
  readonly #unavailable: string | undefined;
  // Export name → local name, for the imports to add, in first-use order.
  readonly #needed = new Map<RuntimeExport, string>();

  constructor(j: JSCodeshift, root: Collection, access: RuntimeAccess = {}) {
    root.find(j.Identifier).forEach((path: ASTPath) => {
      if (isBindingOrReference(path)) this.#taken.add((path.node as { name: string }).name);
    });
    const body = (root.get().node.program.body ?? []) as (Node & { source?: { value: string }; importKind?: string; specifiers?: ImportSpecifierNode[] })[];
    this.#isModule = access.isModule ?? body.some((statement) => /^(?:Import|Export)/.test(statement.type) && statement.type !== "ImportExpression");
    this.#unavailable = access.unavailable;
    for (const statement of body) {
      if (statement.type !== "ImportDeclaration" || statement.source?.value !== runtimeModule || statement.importKind === "type") continue;
      for (const specifier of statement.specifiers ?? []) {
        const local = specifier.local?.name;
        if (local === undefined) continue;
        if (specifier.type === "ImportNamespaceSpecifier") this.#namespace = local;
        if (specifier.type === "ImportSpecifier" && specifier.importKind !== "type") {
          this.#imported.set(specifier.imported?.name ?? specifier.imported?.value ?? local, local);
        }
      }
    }
  }

  /**
   * reserve returns `name` if no identifier of the file, nor a planned import or reservation, uses
   * it, and then reserves it for the caller's new variable; undefined otherwise.
   */
  reserve(name: string): string | undefined {
    if (this.#taken.has(name) || [...this.#needed.values()].includes(name)) return undefined;
    this.#taken.add(name);
    return name;
  }

  /** needed lists the imports to add: export name and local name. */
  get needed(): ReadonlyMap<RuntimeExport, string> {
    return this.#needed;
  }

  /**
   * resolve finds how `name` can be referenced at `at`: an existing import not shadowed there, the
   * namespace import, or a new binding (`name`, else `corralName`) that no identifier of the file
   * uses. A string explains why it cannot be (the file is a script, or the runtime does not resolve).
   */
  resolve(name: RuntimeExport, at: ASTPath): ResolvedExport | string {
    if (this.#unavailable !== undefined) return this.#unavailable;
    const existing = this.#imported.get(name);
    if (existing !== undefined && isUnshadowed(at, existing)) return { use: () => existing };
    const namespace = this.#namespace;
    if (namespace !== undefined && isUnshadowed(at, namespace)) return { use: () => `${namespace}.${name}` };
    if (!this.#isModule) {
      return `the file is a script (no import or export) by TypeScript's module detection: importing \`${name}\` from @corral/runtime would turn its top-level declarations into module locals`;
    }
    const planned = this.#needed.get(name) ?? this.#freeName(name);
    return {
      use: () => {
        this.#needed.set(name, planned);
        this.#taken.add(planned);
        return planned;
      },
    };
  }

  #freeName(name: RuntimeExport): string {
    const capitalized = `corral${name[0]?.toUpperCase()}${name.slice(1)}`;
    for (let suffix = 1; ; suffix++) {
      const candidate = suffix === 1 ? (this.#taken.has(name) ? capitalized : name) : `${capitalized}${suffix}`;
      if (!this.#taken.has(candidate) && ![...this.#needed.values()].includes(candidate)) return candidate;
    }
  }
}

function isUnshadowed(at: ASTPath, name: string): boolean {
  return scopeOf(at)?.lookup(name)?.isGlobal === true;
}

function specifierText(name: RuntimeExport, local: string): string {
  return name === local ? name : `${name} as ${local}`;
}

interface ParsedImport {
  type: string;
  start: number;
  end: number;
  importKind?: string;
  source?: { value: string; extra?: { raw?: string } };
  specifiers?: (ImportSpecifierNode & { end: number })[];
  comments?: { leading?: boolean; start: number; end: number }[];
}

// Where a first import goes in a file without one: above a doc comment attached to the first
// statement, but below a file header (line comments opening the file, or any comment block set
// off by a blank line).
function topInsertionPoint(source: string, first: ParsedImport): number {
  let position = first.start;
  const leading = (first.comments ?? []).filter((comment) => comment.leading).sort((left, right) => right.start - left.start);
  for (const comment of leading) {
    if (/\n\s*\n/.test(source.slice(comment.end, position))) break;
    position = comment.start;
  }
  const opensFile = /^(?:#![^\n]*\n)?\s*$/.test(source.slice(0, position));
  if (position !== first.start && opensFile && source.startsWith("//", position)) position = first.start;
  return source.lastIndexOf("\n", position - 1) + 1;
}

/**
 * addRuntimeImports adds the `needed` imports to `source` (the printed, rewritten file) as text:
 * into the last named value import of @corral/runtime when there is one, else as a new declaration
 * after the last import, in that import's quote and semicolon style.
 */
export function addRuntimeImports(j: JSCodeshift, source: string, needed: ReadonlyMap<RuntimeExport, string>): string {
  if (needed.size === 0) return source;
  const specifiers = [...needed]
    .sort(([left], [right]) => left.localeCompare(right, "en", { sensitivity: "base" }))
    .map(([name, local]) => specifierText(name, local));
  const body = j(source).get().node.program.body as ParsedImport[];
  const imports = body.filter((statement) => statement.type === "ImportDeclaration");
  const named = imports.findLast(
    (statement) => statement.source?.value === runtimeModule && statement.importKind !== "type" && statement.specifiers?.some((specifier) => specifier.type === "ImportSpecifier"),
  );
  const lastSpecifier = named?.specifiers?.findLast((specifier) => specifier.type === "ImportSpecifier");
  if (lastSpecifier) return `${source.slice(0, lastSpecifier.end)}, ${specifiers.join(", ")}${source.slice(lastSpecifier.end)}`;
  const last = imports.at(-1);
  const quote = last?.source?.extra?.raw?.startsWith("'") ? "'" : '"';
  const semicolon = last === undefined || source.slice(last.start, last.end).endsWith(";") ? ";" : "";
  const statement = `import { ${specifiers.join(", ")} } from ${quote}${runtimeModule}${quote}${semicolon}`;
  if (last) return `${source.slice(0, last.end)}\n${statement}${source.slice(last.end)}`;
  const first = body[0];
  if (!first) return `${statement}\n${source}`;
  const at = topInsertionPoint(source, first);
  return `${source.slice(0, at)}${statement}\n\n${source.slice(at)}`;
}
