// `node bench/lint/lint-files.mjs <directory>`: lints src/**/*.ts under <directory> with corral's
// recommended config (the project service finding the tsconfig), as `npx eslint src` would in a
// project that has only that config, and prints one line of JSON: wall and CPU seconds, peak RSS. The
// codemod workload runs it in a process of its own, so each peak belongs to one tool.
import { ESLint } from "eslint";

const [directory] = process.argv.slice(2);
const { default: plugin } = await import("../../rules/dist/index.js");
const recommended = plugin.configs.recommended;
const eslint = new ESLint({
  cwd: directory,
  overrideConfigFile: true,
  overrideConfig: [{ ...recommended, languageOptions: { ...recommended.languageOptions, parserOptions: { projectService: true, tsconfigRootDir: directory } } }],
});
const started = performance.now();
const cpuBefore = process.cpuUsage();
const results = await eslint.lintFiles(["src/**/*.ts"]);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal).map((message) => `${result.filePath}: ${message.message}`));
if (fatal.length > 0) throw new Error(fatal[0]);
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, files: results.length, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
