// A seeded generator of a realistic TypeScript code base for the lint and codemod workloads:
// services, repositories, handlers and jobs over a dozen domains, mixing clean async code with
// the four bugs corral's rules look for (and the ones no-floating-promises and
// no-misused-promises look for), cross-file imports included so type information matters.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { libraryFiles, tsconfig } from "./corpus-library.mjs";
import { cleanMembers, snippets } from "./corpus-snippets.mjs";

const domains = ["users", "orders", "billing", "inventory", "shipping", "reports", "search", "notifications", "auth", "catalog", "payments", "reviews"];
const entities = ["User", "Order", "Invoice", "Product", "Shipment", "Report", "Query", "Message", "Session", "Item", "Payment", "Review"];
const roles = ["service", "repository", "handler", "job", "client", "sync", "cache", "exporter"];

/** random returns a seeded PRNG (mulberry32): the same seed always yields the same corpus. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function generateFile(next, index, previousInDomain, clean) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const domainIndex = index % domains.length;
  const entity = entities[domainIndex];
  const role = roles[Math.floor(index / domains.length) % roles.length];
  const context = { entity, lower: entity.toLowerCase(), domain: domains[domainIndex], suffix: index, pick, next };
  const imports = [
    'import { getJson, postJson, HttpError } from "../lib/http";',
    'import { db, type Row } from "../lib/db";',
    'import { audit, log, metric } from "../lib/log";',
    'import { events } from "../lib/events";',
  ];
  const body = [snippets.entityType(context)];
  if (previousInDomain) {
    imports.push(`import { ${previousInDomain.loader} } from "./${previousInDomain.module}";`);
    body.push(snippets.crossFile({ ...context, loader: previousInDomain.loader }));
  }
  const count = 7 + Math.floor(next() * 7);
  const kinds = clean ? cleanMembers : Object.keys(snippets.members);
  for (let member = 0; member < count; member++) body.push(snippets.members[pick(kinds)]({ ...context, member }));
  body.push(snippets.loader(context));
  return {
    path: `src/${context.domain}/${context.lower}-${role}-${index}.ts`,
    module: `${context.lower}-${role}-${index}`,
    loader: `load${entity}${index}`,
    text: `${imports.join("\n")}\n\n${body.join("\n\n")}\n`,
  };
}

/**
 * writeCorpus writes `files` generated files (plus the shared library and a tsconfig) under
 * `directory` and returns their paths relative to it. `runtimeTypes` maps `@corral/runtime` to
 * the built declarations, so code the codemod rewrites onto the runtime still type-checks. With
 * `findingsEvery` n, only every n-th file has members with findings; the others are clean.
 */
export function writeCorpus(directory, { files = 300, seed = 20_251_126, runtimeTypes, findingsEvery = 1 } = {}) {
  const next = random(seed);
  const write = (path, text) => {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  };
  const options = runtimeTypes ? { ...tsconfig.compilerOptions, paths: { "@corral/runtime": [runtimeTypes] } } : tsconfig.compilerOptions;
  write("tsconfig.json", `${JSON.stringify({ ...tsconfig, compilerOptions: options }, null, 2)}\n`);
  for (const [path, text] of Object.entries(libraryFiles)) write(path, text);
  const lastInDomain = new Map();
  const paths = [];
  for (let index = 0; index < files; index++) {
    const domain = domains[index % domains.length];
    const file = generateFile(next, index, lastInDomain.get(domain), index % findingsEvery !== 0);
    lastInDomain.set(domain, file);
    write(file.path, file.text);
    paths.push(file.path);
  }
  return paths;
}
