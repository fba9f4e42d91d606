// Builds corral's static site into site/dist (or the folder given): the playground (index.html, its
// page script and its lint worker), the typings the worker type-checks against (typings.json), and
// the docs rendered to HTML, rule pages first. Everything the pages load is in that folder: no CDN,
// no server beyond one that serves files.
//
// Usage: node site/build.mjs [outDir]      (npm run site; `npm run build` first, for rules/dist and
// runtime/dist, which the site bundles as users install them)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { renderDocs, rulesData } from "./docs.mjs";

const siteDirectory = fileURLToPath(new URL(".", import.meta.url));
const root = join(siteDirectory, "..");
const require = createRequire(import.meta.url);

/** packageFolder resolves the folder of an installed package, as the repository's root sees it. */
function packageFolder(name) {
  return dirname(require.resolve(`${name}/package.json`, { paths: [root] }));
}

function walk(directory) {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

// The lib files a program with these `lib` names reads: each named file and every lib it
// references (/// <reference lib="…" />), transitively; @types/node adds references of its own.
function libClosure(names, typescriptLib) {
  const files = {};
  const pending = names.map((name) => name.toLowerCase());
  while (pending.length > 0) {
    const name = pending.pop();
    const file = `lib.${name}.d.ts`;
    if (`/${file}` in files) continue;
    const text = readFileSync(join(typescriptLib, file), "utf8");
    files[`/${file}`] = withoutComments(file, text);
    for (const match of text.matchAll(/^\/\/\/ <reference lib="([^"]+)" \/>/gm)) pending.push(match[1].toLowerCase());
  }
  return files;
}

/**
 * withoutComments returns a declaration file's text without its comments, which are two thirds of
 * @types/node and the lib files and say nothing to the type checker (JSDoc types count only in
 * JavaScript files). The comments are found through the parsed file, so a comment-like run inside
 * a string or a template type stays; `///` directives stay. Each comment becomes one space.
 */
export function withoutComments(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const ranges = new Map();
  const collect = (position) => {
    for (const range of [...(ts.getLeadingCommentRanges(text, position) ?? []), ...(ts.getTrailingCommentRanges(text, position) ?? [])]) {
      if (!text.startsWith("///", range.pos)) ranges.set(range.pos, range.end);
    }
  };
  const visit = (node) => {
    collect(node.pos);
    collect(node.end);
    ts.forEachChild(node, visit);
  };
  visit(source);
  let result = "";
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    result += `${text.slice(at, start)} `;
    at = end;
  }
  return result + text.slice(at);
}

// A package's declarations as TypeScript finds them under /node_modules: its package.json and every
// .d.ts (`skip` names subfolders a TypeScript of the bundled version never reads).
function packageTypings(folder, as, skip = []) {
  const files = { [`/node_modules/${as}/package.json`]: readFileSync(join(folder, "package.json"), "utf8") };
  for (const file of walk(folder)) {
    const path = relative(folder, file).split("\\").join("/");
    if (path.startsWith("node_modules/") || skip.some((folder) => path.startsWith(`${folder}/`))) continue;
    // A dual package's nested package.json says which declarations are CommonJS (dist/cjs), and its
    // .d.mts is what an ES module imports under NodeNext.
    if (path.endsWith("/package.json")) files[`/node_modules/${as}/${path}`] = readFileSync(file, "utf8");
    if (!/\.d\.[cm]?ts$/.test(path)) continue;
    files[`/node_modules/${as}/${path}`] = withoutComments(path, readFileSync(file, "utf8"));
  }
  return files;
}

/**
 * typings returns the virtual project the worker type-checks /file.ts in, path → text: the lib
 * files of playground-tsconfig.json, @types/node with undici-types (its fetch types), and
 * @corral/runtime's built declarations with its package.json, so that `import … from
 * "@corral/runtime"` resolves as it does in an installed project.
 */
export function typings() {
  const tsconfig = JSON.parse(readFileSync(join(siteDirectory, "src/playground-tsconfig.json"), "utf8"));
  const runtime = join(root, "runtime");
  const runtimeDeclarations = join(runtime, "dist/index.d.ts");
  if (!existsSync(runtimeDeclarations)) throw new Error("runtime/dist/index.d.ts is missing: run `npm run build` first");
  const files = {
    "/package.json": JSON.stringify({ name: "playground", type: "module", dependencies: { "@corral/runtime": "*" } }),
    // ts5.6/ holds @types/node for TypeScript 5.6 and older (its typesVersions), never read here.
    ...packageTypings(packageFolder("@types/node"), "@types/node", ["ts5.6"]),
    ...packageTypings(packageFolder("undici-types"), "undici-types"),
    ...packageTypings(runtime, "@corral/runtime", ["node_modules"]),
  };
  const referenced = Object.values(files).flatMap((text) => [...text.matchAll(/^\/\/\/ <reference lib="([^"]+)" \/>/gm)].map((match) => match[1]));
  Object.assign(files, libClosure([...tsconfig.compilerOptions.lib, ...referenced], join(packageFolder("typescript"), "lib")));
  return files;
}

// Node's modules as the bundle sees them: the ones corral's rules use get small browser versions,
// path gets path-browserify, and the ones only Node-side code paths of ESLint and typescript-estree
// mention get a module whose every function throws (src/shims/node-unavailable.cjs).
function browserShims() {
  const shims = join(siteDirectory, "src/shims");
  const replaced = {
    path: require.resolve("path-browserify", { paths: [siteDirectory] }),
    module: join(shims, "node-module.ts"),
  };
  return {
    name: "corral-browser-shims",
    setup(bundler) {
      bundler.onResolve({ filter: /^(?:node:)?[a-z_]+(?:\/[a-z_]+)?$/ }, (args) => {
        const name = args.path.replace(/^node:/, "");
        if (!builtinModules.includes(name)) return undefined;
        return { path: replaced[name] ?? join(shims, "node-unavailable.cjs") };
      });
      // @typescript-eslint/utils subclasses ESLint's Node classes as it loads.
      bundler.onResolve({ filter: /^eslint$/ }, () => ({ path: join(shims, "eslint.ts") }));
      bundler.onResolve({ filter: /^\.\.\/rules$/ }, (args) =>
        /[/\\]eslint[/\\]lib[/\\]config$/.test(args.resolveDir) ? { path: join(shims, "eslint-core-rules.cjs") } : undefined,
      );
      bundler.onResolve({ filter: /^eslint\/use-at-your-own-risk$/ }, () => ({ path: join(shims, "eslint-unsupported-api.cjs") }));
    },
  };
}

// "corral-site:rules": the rule pages' lessons and examples, read at build time (src/site-data.d.ts).
function siteData() {
  return {
    name: "corral-site-data",
    setup(bundler) {
      bundler.onResolve({ filter: /^corral-site:rules$/ }, (args) => ({ path: args.path, namespace: "corral-site" }));
      bundler.onLoad({ filter: /.*/, namespace: "corral-site" }, () => ({ contents: JSON.stringify({ rules: rulesData() }), loader: "json" }));
    },
  };
}

/**
 * bundle writes the page's scripts into `outDir`: main.js, which starts the lint worker and then
 * loads the user interface (a chunk of its own), and worker.js, one file with TypeScript, ESLint,
 * typescript-eslint's parser and the plugin, so that it starts without another round trip.
 */
async function bundle(outDir, { minify = true } = {}) {
  const common = { outdir: outDir, bundle: true, format: "esm", platform: "browser", target: "es2022", minify, legalComments: "linked", logLevel: "warning", absWorkingDir: root };
  await Promise.all([
    build({ ...common, entryPoints: { main: join(siteDirectory, "src/main.ts") }, splitting: true, chunkNames: "[name]-[hash]", plugins: [siteData()] }),
    build({
      ...common,
      entryPoints: { worker: join(siteDirectory, "src/worker.ts") },
      define: { CORRAL_NODE_BUILTINS: JSON.stringify(builtinModules), global: "globalThis" },
      inject: [join(siteDirectory, "src/shims/process.ts")],
      plugins: [browserShims()],
    }),
  ]);
}

/**
 * buildSite builds the site into `outDir` (emptied first) and returns the size in bytes of each
 * file it wrote, by path relative to `outDir`.
 */
export async function buildSite(outDir = join(siteDirectory, "dist"), { minify = true } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await bundle(outDir, { minify });
  writeFileSync(join(outDir, "typings.json"), JSON.stringify(typings()));
  renderDocs(outDir);
  cpSync(join(siteDirectory, "src/index.html"), join(outDir, "index.html"));
  cpSync(join(siteDirectory, "src/style.css"), join(outDir, "style.css"));
  return Object.fromEntries(walk(outDir).map((file) => [relative(outDir, file).split("\\").join("/"), statSync(file).size]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const outDir = process.argv[2] ?? join(siteDirectory, "dist");
  const started = performance.now();
  const sizes = await buildSite(outDir);
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  console.log(`built the site into ${relative(process.cwd(), outDir) || "."} in ${Math.round(performance.now() - started)} ms: ${Object.keys(sizes).length} files, ${(total / 1e6).toFixed(2)} MB`);
}
