// Users meet corral by its package names: `import corral from "corral"` (the ESLint plugin) and
// `import … from "corral/runtime"`. This resolves both the way Node does for an installed package
// (the package's own `exports`, through self-reference), on the built output.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));

it('resolves "corral" to the plugin and "corral/runtime" to the runtime', async () => {
  const script = `
    const { default: corral } = await import("corral");
    const runtime = await import("corral/runtime");
    console.log(JSON.stringify({
      name: corral.meta.name,
      rules: Object.keys(corral.rules).sort(),
      configs: Object.keys(corral.configs).sort(),
      registered: corral.configs.recommended.plugins.corral === corral,
      runtime: typeof runtime.map === "function" && typeof runtime.ErrGroup === "function",
    }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "--eval", script], { cwd: root });
  expect(JSON.parse(stdout)).toEqual({
    name: "corral",
    rules: ["no-fire-and-forget", "no-unbounded-concurrency", "no-unhandled-rejection", "require-timeout"],
    configs: ["recommended", "strict"],
    registered: true,
    runtime: true,
  });
});
