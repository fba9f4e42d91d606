import { it } from "vitest";
import { decide } from "../../codemods/decide.js";
it("scratch", async () => {
const d = await decide(["/tmp/cm/p1/a.ts"], { tsconfig: "/tmp/cm/p1/tsconfig.json", rules: ["no-fire-and-forget","no-unhandled-rejection","no-unbounded-concurrency","require-timeout"], timeout: 30000 });
for (const [f, x] of d) for (const fi of x.findings) console.log(fi.ruleId, fi.messageId, fi.line, fi.column, fi.endLine, fi.endColumn, JSON.stringify(fi.suggestions.map(s => [s.messageId, s.data, s.fix])));
console.log([...d.values()].map(x => x.parseError));
}, 60000);
