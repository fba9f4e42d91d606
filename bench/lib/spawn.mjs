// Runs one row in its own Node process and parses the `@@result` line it prints.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const childScript = fileURLToPath(new URL("./child.mjs", import.meta.url));
const marker = "@@result ";

/**
 * runRow starts `node --expose-gc child.mjs <workload> <table> <row>` and resolves with its
 * report. A process that exceeds `timeoutMs`, crashes or prints no result resolves with
 * `{ ok: false, error }` instead, so one broken peer cannot stop the suite.
 */
export function runRow(workload, table, row, { timeoutMs = 120_000, environment = {} } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--expose-gc", childScript, workload, table, row], {
      env: { ...process.env, ...environment },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const line = stdout.split("\n").find((candidate) => candidate.startsWith(marker));
      if (line) {
        resolve({ ...JSON.parse(line.slice(marker.length)), seconds });
        return;
      }
      const why = signal === "SIGKILL" ? `timed out after ${timeoutMs / 1000} s` : `exited with ${signal ?? code}`;
      const lastError = stderr.trim().split("\n").slice(-3).join(" ");
      resolve({ ok: false, error: `${why}${lastError ? `: ${lastError}` : ""}`, seconds, leftTimers: [], unhandledRejections: 0 });
    });
  });
}
