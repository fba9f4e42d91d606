import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "vitest";
import { runCodemod } from "../../codemods/codemod.js";
import { createProject, listFixtures, readFiles, typeErrors } from "./project.js";
it("scratch", async () => {
  const fixtures = (await listFixtures()).filter((f) => !process.env.T || f.transform === process.env.T);
  const directory = await createProject(Object.fromEntries(fixtures.map((f) => [f.file, f.input])));
  console.log("before:", typeErrors(directory));
  const t0 = Date.now();
  const report = await runCodemod({ paths: [directory], cwd: directory });
  console.log("ms", Date.now() - t0);
  const outputs = await readFiles(directory, fixtures.map((f) => f.file));
  for (const f of fixtures) {
    const r = report.files.find((x) => x.file === f.file);
    console.log(`===== ${f.file} ${r?.status} ${r?.reason ?? ""}`);
    console.log(outputs[f.file]);
    for (const s of r?.sites ?? []) console.log(`  ${s.line} ${s.rule} ${s.messageId} ${s.status} ${s.reason ?? ""}`);
    if (process.env.WRITE && outputs[f.file] !== f.input) writeFileSync(join("tests/codemods/fixtures", f.file.replace(/(-twin)?\.(tsx?)$/, ".output.$2")), outputs[f.file]!);
  }
  if (process.env.WRITE) for (const f of fixtures) {
    const r = report.files.find((x) => x.file === f.file)!;
    const manual = r.sites.filter((s) => s.status === "manual").map((s) => ({ line: s.line, messageId: s.messageId, reason: s.reason!.split(/[;:,]/)[0] }));
    if (manual.length) writeFileSync(join("tests/codemods/fixtures", f.file.replace(/(-twin)?\.(tsx?)$/, ".manual.json")), JSON.stringify(manual, null, 2) + "\n");
  }
  console.log("after:", typeErrors(directory));
}, 120000);
