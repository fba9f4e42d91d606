// Format: a rewritten file is run through the project's own formatter, found the way the project
// runs it: the nearest formatter configuration above the file (Prettier, Biome, dprint or oxfmt)
// and that formatter installed in the project. Only a file that was already formatted is
// formatted again, so code the rewrite did not touch never changes; an unformatted file keeps its
// own layout, as the rewrites left it (each keeps the indentation around it).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** Formatter formats the text of a file as the project's formatter would, or fails. */
export interface Formatter {
  format(file: string, text: string): Promise<string>;
}

interface CommandFormatter {
  name: string;
  configs: readonly string[];
  bin: string;
  args(file: string): string[];
}

const prettierConfigs = [".prettierrc", ".prettierrc.json", ".prettierrc.yaml", ".prettierrc.yml", ".prettierrc.json5", ".prettierrc.js", ".prettierrc.cjs", ".prettierrc.mjs", ".prettierrc.ts", ".prettierrc.toml", "prettier.config.js", "prettier.config.cjs", "prettier.config.mjs", "prettier.config.ts"];

// Formatters run as the project runs them, reading the file's text on stdin and printing the result.
const commands: readonly CommandFormatter[] = [
  { name: "biome", configs: ["biome.json", "biome.jsonc"], bin: "biome", args: (file) => ["format", `--stdin-file-path=${file}`] },
  { name: "dprint", configs: ["dprint.json", ".dprint.json", "dprint.jsonc", ".dprint.jsonc"], bin: "dprint", args: (file) => ["fmt", "--stdin", file] },
  { name: "oxfmt", configs: [".oxfmtrc.json", ".oxfmtrc.jsonc"], bin: "oxfmt", args: (file) => [`--stdin-filepath=${file}`] },
];

// A command formatter that takes longer than this on one file is treated as failing.
const commandTimeoutMs = 30_000;

function hasPrettierKey(directory: string): boolean {
  const manifest = join(directory, "package.json");
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { prettier?: unknown }).prettier !== undefined;
  } catch {
    return false;
  }
}

function findBin(directory: string, bin: string): string | undefined {
  for (let current = directory; ; current = dirname(current)) {
    const candidate = join(current, "node_modules", ".bin", bin);
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

function prettierFormatter(directory: string): Formatter | undefined {
  let resolved: string;
  try {
    resolved = createRequire(join(directory, "package.json")).resolve("prettier");
  } catch {
    return undefined;
  }
  type Prettier = { format(text: string, options: object): Promise<string>; resolveConfig(file: string): Promise<object | null> };
  const load = import(pathToFileURL(resolved).href) as Promise<Prettier & { default?: Prettier }>;
  return {
    async format(file, text) {
      const module = await load;
      const prettier = module.default ?? module;
      const options = (await prettier.resolveConfig(file)) ?? {};
      return prettier.format(text, { ...options, filepath: file });
    },
  };
}

function commandFormatter(command: CommandFormatter, bin: string): Formatter {
  return {
    format(file, text) {
      const result = spawnSync(bin, command.args(file), { cwd: dirname(file), input: text, encoding: "utf8", timeout: commandTimeoutMs, maxBuffer: 64 * 1024 * 1024 });
      if (result.status !== 0 || result.error) {
        return Promise.reject(new Error(`${command.name} failed: ${result.error?.message ?? result.stderr.trim().split("\n")[0] ?? `exit ${result.status}`}`));
      }
      return Promise.resolve(result.stdout);
    },
  };
}

/**
 * findFormatter returns the formatter of the nearest directory above `file` that configures one
 * and has it installed (in its own or an enclosing node_modules), or undefined where none is.
 */
export function findFormatter(file: string): Formatter | undefined {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    if (prettierConfigs.some((name) => existsSync(join(directory, name))) || hasPrettierKey(directory)) return prettierFormatter(directory);
    for (const command of commands) {
      if (!command.configs.some((name) => existsSync(join(directory, name)))) continue;
      const bin = findBin(directory, command.bin);
      return bin ? commandFormatter(command, bin) : undefined;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/**
 * formatRewrite formats `rewritten` with the project's formatter when `original` was already
 * formatted by it; otherwise (no formatter, an unformatted file, a formatter that fails) it
 * returns `rewritten` as it is.
 */
export async function formatRewrite(file: string, original: string, rewritten: string, formatter = findFormatter(file)): Promise<string> {
  if (!formatter) return rewritten;
  try {
    if ((await formatter.format(file, original)) !== original) return rewritten;
    return await formatter.format(file, rewritten);
  } catch {
    return rewritten;
  }
}
