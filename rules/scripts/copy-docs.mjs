// The rule pages live in the repository's docs/rules (one place, beside the other docs); the plugin
// ships a copy in dist/docs so `corral explain` and editors can read a rule's lesson offline.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const from = new URL("../../docs/rules/", import.meta.url);
const to = new URL("../dist/docs/", import.meta.url);
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from)) if (name.endsWith(".md")) copyFileSync(new URL(name, from), new URL(name, to));
console.log(`copied the rule pages into ${fileURLToPath(to)}`);
