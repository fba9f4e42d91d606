// The project's own formatter: a rewritten file that was formatted before is formatted again with
// the project's Prettier and its configuration; a file that was not keeps its own layout.
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { findFormatter } from "../../codemods/pipeline/format.js";
import { runCodemod } from "../../codemods/pipeline/codemod.js";
import { createProject } from "./project.js";

const prettierPackage = fileURLToPath(new URL("../../node_modules/prettier", import.meta.url));

const formatted = `declare function fetchUser(id: string): Promise<{ id: string }>;

export async function users(identifiers: string[]) {
  const found = await Promise.all(
    identifiers.map((identifier) => fetchUser(identifier)),
  );
  return found;
}
`;

// The same code in a layout Prettier would change: it must come out with only the rewrite applied.
const unformatted = `declare function fetchUser(id: string): Promise<{ id: string }>;

export async function users(identifiers: string[]) {
    const found = await Promise.all(identifiers.map((identifier) => fetchUser(identifier)))
    return found
}
`;

describe("formatting with the project's formatter", () => {
  let directory: string;
  let outputs: Record<string, string>;

  beforeAll(async () => {
    directory = await createProject({ "src/formatted.ts": formatted, "src/unformatted.ts": unformatted });
    await writeFile(join(directory, ".prettierrc.json"), JSON.stringify({ singleQuote: true, printWidth: 80 }));
    await mkdir(join(directory, "node_modules"), { recursive: true });
    await symlink(prettierPackage, join(directory, "node_modules", "prettier"), "dir");
    await runCodemod({ paths: ["src"], cwd: directory });
    outputs = {
      formatted: await readFile(join(directory, "src/formatted.ts"), "utf8"),
      unformatted: await readFile(join(directory, "src/unformatted.ts"), "utf8"),
    };
  }, 120_000);

  it("formats a file that was formatted, with the project's options", () => {
    expect(outputs.formatted).toBe(`import { map } from '@corral/runtime';

declare function fetchUser(id: string): Promise<{ id: string }>;

export async function users(identifiers: string[]) {
  const found = await map(identifiers, (identifier) => fetchUser(identifier), {
    concurrency: 8,
  });
  return found;
}
`);
  });

  it("leaves the layout of a file that was not formatted to the rewrite", () => {
    expect(outputs.unformatted).toBe(`import { map } from "@corral/runtime";

declare function fetchUser(id: string): Promise<{ id: string }>;

export async function users(identifiers: string[]) {
    const found = await map(identifiers, (identifier) => fetchUser(identifier), { concurrency: 8 })
    return found
}
`);
  });

  it("finds the nearest configured formatter, and none where it is not installed", async () => {
    expect(findFormatter(join(directory, "src/formatted.ts"))).toBeDefined();
    const biomeOnly = await createProject({ "a.ts": "export {};\n" });
    await writeFile(join(biomeOnly, "biome.json"), "{}");
    expect(findFormatter(join(biomeOnly, "a.ts"))).toBeUndefined();
  });
});
