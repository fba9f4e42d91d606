// The project holds itself to what it asks of users: its code type-checks under strict TypeScript
// (and the runtime without Node typings, so it stays portable), and it passes its own lint config,
// the recommended corral rules, with no warning.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));

async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

describe("the project checks itself", () => {
  it("type-checks, and the runtime type-checks without Node typings", async () => {
    const whole = await exitOf(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--noEmit"]);
    expect(whole.output).toBe("");
    const runtime = await exitOf(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "runtime/tsconfig.json", "--noEmit"]);
    expect(runtime.output).toBe("");
  }, 180_000);

  it("passes its own lint config (corral's recommended rules) with no warning", async () => {
    const lint = await exitOf(process.execPath, ["node_modules/eslint/bin/eslint.js", "--max-warnings", "0", "."]);
    expect(lint.output).toBe("");
    expect(lint.code).toBe(0);
  }, 300_000);
});
