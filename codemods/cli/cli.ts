#!/usr/bin/env node
// The `corral` bin: `corral codemod [paths…]` and `corral explain <rule>` (see docs/codemods.md).
import { runCommand } from "./command.js";

process.exitCode = await runCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  stderrStream: process.stderr,
});
