import { readFileSync } from "node:fs";
import { it } from "vitest";
import { decide } from "../../codemods/decide.js";
import { rewriteFile } from "../../codemods/rewrite.js";
it("scratch", async () => {
  const file = process.env.F ?? "/tmp/cm/p1/a.ts";
  const d = await decide([file], { tsconfig: "/tmp/cm/p1/tsconfig.json", rules: ["no-fire-and-forget","no-unhandled-rejection","no-unbounded-concurrency","require-timeout"], timeout: 30000 });
  const all = d.get(file)!.findings; const findings = process.env.ONLY ? process.env.ONLY.split(",").map(Number).map(i => all[i]!) : all;
  const r = rewriteFile(file, readFileSync(file, "utf8"), findings, { concurrency: 8, timeout: 30000 });
  console.log(r.output);
  for (const s of r.sites) console.log(s.finding.ruleId, s.finding.messageId, s.finding.line, s.status, s.reason ?? "");
}, 60000);
