// Temporary TypeScript projects for the codemod tests: a tsconfig that resolves "@corral/runtime" to
// this repository's runtime sources, a JSX namespace for TSX files, and the given files; for the
// fixtures, an eslint.config.js that lints each fixture with the options it names.
import { mkdtemp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { map } from "@corral/runtime";

/** repositoryRoot is the folder of this repository (its package.json). */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * fixturesDirectory holds `<transform>/<case>.input.ts(x)` and `.output.ts(x)` pairs, the manual
 * sites of a case in `<case>.manual.json`, and in `<case>.rules.json` the rule options its project
 * configures beyond corral's recommended config (a case whose sites only `strict` reports).
 */
export const fixturesDirectory = fileURLToPath(new URL("./fixtures/", import.meta.url));

/**
 * pluginUrl is the plugin as built: a project's eslint.config.js imports it the way it gets it from
 * node_modules, another copy of the plugin than the codemod's own (run `npm run build` first).
 */
export const pluginUrl = new URL("../../rules/dist/index.js", import.meta.url).href;

const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023"],
    types: ["node"],
    typeRoots: [join(repositoryRoot, "node_modules/@types")],
    strict: true,
    jsx: "preserve",
    skipLibCheck: true,
    noEmit: true,
    // As for a user, the runtime lies under node_modules (here a link to this repository's sources,
    // kept under that name): rules treat dependencies differently from the project's own code.
    paths: { "@corral/runtime": ["./node_modules/@corral/runtime/index.ts"] },
    preserveSymlinks: true,
  },
  include: ["**/*.ts", "**/*.tsx"],
};

const jsxSupport = `// Enough of a JSX namespace for the TSX fixtures, which use intrinsic elements only.
declare namespace JSX {
  interface Element {}
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
}
`;

/** Fixture is one input file of a transform, with its expected output and manual sites. */
export interface Fixture {
  transform: string;
  /** file is the fixture's path in a project: `<transform>/<case>.ts`, or `<case>-twin.tsx`. */
  file: string;
  input: string;
  output: string;
  /** rules are the options its project gives corral's rules (by rule id) beyond the recommended config. */
  rules: Readonly<Record<string, object>>;
}

/** listFixtures reads every fixture pair; a missing output means the file must stay unchanged. */
export async function listFixtures(): Promise<Fixture[]> {
  const fixtures: Fixture[] = [];
  for (const transform of (await readdir(fixturesDirectory)).sort()) {
    for (const name of (await readdir(join(fixturesDirectory, transform))).sort()) {
      const match = /^(.+)\.input\.(tsx?)$/.exec(name);
      if (!match) continue;
      const input = await readFile(join(fixturesDirectory, transform, name), "utf8");
      const outputPath = join(fixturesDirectory, transform, `${match[1]}.output.${match[2]}`);
      const output = await readFile(outputPath, "utf8").catch(() => input);
      const rules = JSON.parse(await readFile(join(fixturesDirectory, transform, `${match[1]}.rules.json`), "utf8").catch(() => "{}")) as Record<string, object>;
      // TypeScript drops `x.tsx` from a program that has `x.ts`, so a TSX twin gets its own name.
      const file = `${transform}/${match[1]}${match[2] === "tsx" ? "-twin" : ""}.${match[2]}`;
      fixtures.push({ transform, file, input, output, rules });
    }
  }
  return fixtures;
}

/**
 * fixtureLintConfig is the eslint.config.js of a project holding `fixtures`: corral's recommended
 * config, and for each fixture with rule options, those options on top, for that file alone. The
 * codemod acts on what this configuration reports, as it does on a user's.
 */
export function fixtureLintConfig(fixtures: readonly Fixture[]): string {
  const overrides = fixtures
    .filter((fixture) => Object.keys(fixture.rules).length > 0)
    .map((fixture) => ({ files: [fixture.file], rules: Object.fromEntries(Object.entries(fixture.rules).map(([rule, options]) => [`corral/${rule}`, ["error", options]])) }));
  return `import corral from ${JSON.stringify(pluginUrl)};

export default [
  corral.configs.recommended,
  { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
${overrides.map((override) => `  ${JSON.stringify(override)},
`).join("")}];
`;
}

/**
 * supervisorRouting is the start-up file of a project that says where a failed `go` task goes, the
 * one place the codemod needs before it hands dropped work to `go`: here, the error is kept and
 * raised again as the unhandled rejection it was, so it reaches what it reached before too.
 */
export const supervisorRouting = `import { defaultSupervisor, raiseUnhandled } from "@corral/runtime";

export const failedTasks: unknown[] = [];

defaultSupervisor.onError = (error) => {
  failedTasks.push(error);
  raiseUnhandled(error);
};
`;

/**
 * createProject writes a tsconfig, the JSX support file, the supervisor's routing (`routing: false`
 * leaves it out) and `files` into a new temporary folder.
 */
export async function createProject(files: Readonly<Record<string, string>>, options: { tsconfig?: boolean; routing?: boolean } = {}): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "corral-codemod-"));
  if (options.tsconfig !== false) await writeFile(join(directory, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  await writeFile(join(directory, "jsx-support.d.ts"), jsxSupport);
  if (options.routing !== false) await writeFile(join(directory, "supervision.ts"), supervisorRouting);
  await mkdir(join(directory, "node_modules", "@corral"), { recursive: true });
  await symlink(join(repositoryRoot, "runtime"), join(directory, "node_modules", "@corral", "runtime"), "dir");
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(directory, file)), { recursive: true });
    await writeFile(join(directory, file), text);
  }
  return directory;
}

/** readFiles reads back the given files of a project. */
export async function readFiles(directory: string, files: readonly string[]): Promise<Record<string, string>> {
  return Object.fromEntries(await map(files, async (file) => [file, await readFile(join(directory, file), "utf8")] as const, { concurrency: 8 }));
}

/** typeErrors type-checks a project and returns its diagnostics in files of the project itself. */
export function typeErrors(directory: string): string[] {
  const configPath = join(directory, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error(`could not read ${configPath}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName.startsWith(directory) ?? true)
    .map((diagnostic) => `${diagnostic.file?.fileName.slice(directory.length + 1) ?? ""}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`);
}
