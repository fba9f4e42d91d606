// @corral/redis as an application gets it: the packed tarball, installed for production into a
// fresh project next to the one client the application uses (ioredis 5 or 6, node-redis 4 or 6),
// must add exactly itself, pick up no other client, and run a program against a real redis-server.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRedis, type RedisServer, startRedis } from "../redis/server.js";
import { staleBuildOutputs } from "./build-freshness.js";
import { checked, command, installedPackages, installProject, type Packed, pack, repositoryRoot, packagingProblems, type Scratch, scratch, tsc, unexpectedFiles } from "./packages.js";

let folder: Scratch;
let redis: Packed;

const clients = [
  { name: "ioredis", version: "^6.0.0", connect: `const { Redis } = await import("ioredis"); const client = new Redis({ port }); const close = () => client.disconnect();` },
  { name: "ioredis", version: "^5.0.0", connect: `const { Redis } = await import("ioredis"); const client = new Redis({ port }); const close = () => client.disconnect();` },
  { name: "redis", version: "^6.0.0", connect: `const { createClient } = await import("redis"); const client = createClient({ url: "redis://127.0.0.1:" + port }); await client.connect(); const close = () => client.close();` },
  { name: "redis", version: "^4.6.0", connect: `const { createClient } = await import("redis"); const client = createClient({ url: "redis://127.0.0.1:" + port }); await client.connect(); const close = () => client.quit();` },
] as const;

// Rate-limits, then hands a permit from one waiter to another through pub/sub (the client's
// duplicate connection), and prints what happened.
const program = (connect: string) => `
const port = Number(process.argv[2]);
${connect}
const { RedisRateLimiter, RedisSemaphore } = await import("@corral/redis");
const limiter = new RedisRateLimiter({ client, key: "package:rate", rate: 0.001, burst: 2 });
const allowed = [await limiter.allow(), await limiter.allow(), await limiter.allow()];
const semaphore = new RedisSemaphore({ client, key: "package:semaphore", size: 1, leaseMs: 100 });
const first = await semaphore.acquire();
const second = semaphore.acquire();
setTimeout(() => first.release(), 50);
const lease = await second;
await lease.release();
await close();
console.log(JSON.stringify({ allowed, handedOver: lease.permits }));`;

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["runtime", "redis"]), "redis/dist is older than these sources: run `npm run build`").toEqual([]);
  folder = await scratch("redis-package");
  ({ "@corral/redis": redis } = await pack(["@corral/redis"], folder.path));
}, 240_000);

afterAll(() => folder?.remove());

describe("the @corral/redis tarball", () => {
  it("holds the compiled package, its declarations, README and LICENSE, and nothing else", () => {
    expect(unexpectedFiles(redis.files)).toEqual([]);
    expect(redis.files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/redis/index.js", "dist/redis/index.d.ts"]));
    expect(redis.dependencies).toEqual({});
  });

  it("declares ioredis and node-redis as optional peers only", async () => {
    const manifest = JSON.parse(await readFile(join(repositoryRoot, "redis", "package.json"), "utf8"));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["ioredis", "redis"]);
    expect(manifest.peerDependenciesMeta).toEqual({ ioredis: { optional: true }, redis: { optional: true } });
  });

  it("passes publint's strict checks", async () => {
    expect(await packagingProblems(redis.tarball)).toEqual([]);
  });

  it("passes arethetypeswrong for an ESM-only package (node10, node16 from ESM, bundler)", async () => {
    const attw = join(repositoryRoot, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
    const result = await command(process.execPath, [attw, redis.tarball, "--profile", "esm-only", "--format", "json"], folder.path);
    const report = JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind: string }[] } };
    expect(report.analysis.problems.filter((problem) => problem.resolutionKind !== "node16-cjs")).toEqual([]);
  }, 120_000);
});

describeRedis.each(clients)("@corral/redis installed next to $name@$version", ({ name, version, connect }) => {
  let server: RedisServer;
  let project: string;
  let alone: string[];

  beforeAll(async () => {
    server = await startRedis();
    const label = `${name}-${version.replace(/\W/g, "")}`;
    // The client alone, then the client and the package: the difference is the package itself.
    const bare = join(folder.path, `${label}-alone`);
    project = join(folder.path, label);
    await mkdir(bare);
    await mkdir(project);
    await installProject(bare, { "package.json": JSON.stringify({ name: "app", private: true, type: "module", dependencies: { [name]: version } }) }, ["--omit=dev"]);
    alone = await installedPackages(bare);
    const manifest = { name: "app", private: true, type: "module", dependencies: { [name]: version, "@corral/redis": `file:${redis.tarball}` } };
    await installProject(project, { "package.json": JSON.stringify(manifest, null, 2) }, ["--omit=dev"]);
  }, 240_000);

  afterAll(() => server?.stop());

  it("adds exactly one package, and not the other client", async () => {
    const installed = await installedPackages(project);
    expect(installed.filter((installedName) => !alone.includes(installedName))).toEqual(["@corral/redis"]);
    expect(installed).not.toContain(name === "ioredis" ? "redis" : "ioredis");
  });

  it("runs a program that rate-limits and hands a permit over through pub/sub", async () => {
    await writeFile(join(project, "main.js"), program(connect));
    const { stdout } = await checked(process.execPath, ["main.js", String(server.port)], project, 60_000);
    expect(JSON.parse(stdout)).toEqual({ allowed: [true, true, false], handedOver: 1 });
  }, 60_000);
});

describe("@corral/redis under TypeScript", () => {
  let project: string;
  beforeAll(async () => {
    project = join(folder.path, "types");
    await mkdir(project);
    await installProject(project, { "package.json": JSON.stringify({ name: "app", private: true, type: "module", dependencies: { "@corral/redis": `file:${redis.tarball}` } }) }, ["--omit=dev"]);
  }, 240_000);

  it.each(["node10", "node16", "bundler"])("type-checks an import of it under %s module resolution, with no client installed", async (resolution) => {
    const directory = join(project, `resolution-${resolution}`);
    await mkdir(directory, { recursive: true });
    const module = resolution === "node10" ? "commonjs" : resolution === "bundler" ? "esnext" : "node16";
    const tsconfig = {
      compilerOptions: { module, moduleResolution: resolution, target: "ES2022", lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: false },
      files: ["index.ts"],
    };
    const source = `import { RedisRateLimiter, RedisSemaphore, type RedisLease, RedisUnavailableError } from "@corral/redis";
export function make(client: unknown): [RedisRateLimiter, RedisSemaphore] {
  return [new RedisRateLimiter({ client, key: "k", rate: 1 }), new RedisSemaphore({ client, key: "s", size: 2 })];
}
export const lost = (lease: RedisLease): boolean => lease.signal.aborted;
export const unavailable = (error: unknown): boolean => error instanceof RedisUnavailableError;
`;
    await writeFile(join(directory, "tsconfig.json"), JSON.stringify(tsconfig));
    await writeFile(join(directory, "index.ts"), source);
    const result = await command(process.execPath, [tsc, "-p", "tsconfig.json"], directory);
    expect(result.stdout + result.stderr).toBe("");
  }, 120_000);
});
