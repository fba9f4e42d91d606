// The fixture harness: every input fixture goes into one temporary project, and the real pipeline
// runs over it three times (as `--check`, for real, and again as a check), since each run costs
// a type-checked ESLint program: outputs must match the expected files byte for byte, manual sites
// must carry their reasons, a second run must change nothing, and every output must type-check.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCodemod } from "../../codemods/pipeline/codemod.js";
import { runCommand } from "../../codemods/cli/command.js";
import type { CodemodReport, FileReport } from "../../codemods/pipeline/types.js";
import { staleBuildOutputs } from "../e2e/build-freshness.js";
import { createProject, fixtureLintConfig, repositoryRoot, fixturesDirectory, listFixtures, readFiles, typeErrors } from "./project.js";

interface ExpectedManual {
  line: number;
  messageId: string;
  reason: string;
}

const fixtures = await listFixtures();
const files = fixtures.map((fixture) => fixture.file);
// Rewrites that edit only the reported node (and the import), so every other line must survive.
const localTransforms = ["fire-and-forget", "require-timeout"];

async function expectedManual(file: string): Promise<ExpectedManual[]> {
  const path = join(fixturesDirectory, file.replace(/(?:-twin)?\.tsx?$/, ".manual.json"));
  return JSON.parse(await readFile(path, "utf8").catch(() => "[]")) as ExpectedManual[];
}

function isSubsequence(lines: readonly string[], of: readonly string[]): boolean {
  let position = 0;
  for (const line of lines) {
    position = of.indexOf(line, position);
    if (position === -1) return false;
    position++;
  }
  return true;
}

describe("codemod fixtures", () => {
  let directory: string;
  let inputErrors: string[];
  let checkExit: number;
  let afterCheck: Record<string, string>;
  let report: CodemodReport;
  let outputs: Record<string, string>;
  let second: CodemodReport;

  const fileReport = (file: string): FileReport | undefined => report.files.find((candidate) => candidate.file === file);

  beforeAll(async () => {
    expect(staleBuildOutputs(repositoryRoot, ["rules"]), "rules/dist is older than its sources (the fixtures' eslint.config.js imports it): run `npm run build`").toEqual([]);
    directory = await createProject({ ...Object.fromEntries(fixtures.map((fixture) => [fixture.file, fixture.input])), "eslint.config.js": fixtureLintConfig(fixtures) });
    inputErrors = typeErrors(directory);
    checkExit = await runCommand(["codemod", "--check", "--json", "."], { stdout: () => {}, stderr: () => {}, cwd: directory });
    afterCheck = await readFiles(directory, files);
    report = await runCodemod({ paths: ["."], cwd: directory });
    outputs = await readFiles(directory, files);
    second = await runCodemod({ paths: ["."], cwd: directory, check: true });
  }, 240_000);

  it("starts from inputs that type-check", () => {
    expect(inputErrors).toEqual([]);
  });

  it("--check writes nothing, byte for byte, and exits 1 when something would change", () => {
    expect(checkExit).toBe(1);
    for (const fixture of fixtures) expect(afterCheck[fixture.file], fixture.file).toBe(fixture.input);
  });

  it.each(fixtures)("rewrites $file as expected", (fixture) => {
    expect(outputs[fixture.file]).toBe(fixture.output);
    const status = fileReport(fixture.file)?.status;
    expect(status).toBe(fixture.output === fixture.input ? (fixture.file.includes("noop") ? "unchanged" : "manual") : "changed");
  });

  it.each(fixtures)("reports the manual sites of $file with their reasons", async (fixture) => {
    const sites = fileReport(fixture.file)?.sites ?? [];
    const manual = sites.filter((site) => site.status === "manual");
    const expected = await expectedManual(fixture.file);
    expect(manual.map((site) => [site.line, site.messageId])).toEqual(expected.map((site) => [site.line, site.messageId]));
    for (const [index, site] of manual.entries()) expect(site.reason).toContain(expected[index]?.reason);
    if (fixture.output !== fixture.input) expect(sites.some((site) => site.status === "rewritten")).toBe(true);
  });

  it.each(fixtures.filter((fixture) => localTransforms.includes(fixture.transform) && fixture.output !== fixture.input))(
    "keeps every line of $file outside the rewritten nodes byte for byte",
    (fixture) => {
      const rewritten = (fileReport(fixture.file)?.sites ?? []).filter((site) => site.status === "rewritten");
      // A merged runtime import changes its own line; every other line must come through as it was.
      const kept = fixture.input
        .split("\n")
        .filter((line, index) => !/from ["']@corral\/runtime["']/.test(line) && !rewritten.some((site) => index + 1 >= site.line && index + 1 <= site.endLine));
      expect(isSubsequence(kept, (outputs[fixture.file] ?? "").split("\n"))).toBe(true);
    },
  );

  it("is idempotent: a second run finds nothing left to rewrite", () => {
    expect(second.summary.changed).toBe(0);
    expect(second.summary.rewrittenSites).toBe(0);
    expect(second.summary.manualSites).toBe(report.summary.manualSites);
  });

  it("leaves outputs that parse and type-check", () => {
    expect(typeErrors(directory)).toEqual([]);
  });

  it("adds the runtime import once, merged into an existing one", () => {
    for (const file of files) {
      const imports = (outputs[file] ?? "").match(/from ["']@corral\/runtime["']/g) ?? [];
      expect(imports.length, file).toBeLessThanOrEqual(1);
    }
  });
});
