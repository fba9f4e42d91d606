// Every ```ts redis block in docs/runtime.md (the @corral/redis section) is a runnable example,
// run here against a real redis-server with REDIS_URL pointing at it, as the runtime's ```ts
// blocks are run by tests/runtime/docs-examples.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sleep } from "./clients.js";
import { describeRedis, type RedisServer, startRedis } from "./server.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const text = readFileSync(`${root}docs/runtime.md`, "utf8");
const examples = [...text.matchAll(/^```ts redis\n([\s\S]*?)^```$/gm)].map((match) => ({ line: text.slice(0, match.index).split("\n").length, code: match[1] ?? "" }));

it("docs/runtime.md has runnable @corral/redis examples", () => {
  expect(examples.length).toBeGreaterThan(0);
});

describeRedis("docs/runtime.md, When you outgrow one process", () => {
  let server: RedisServer;
  let scratch: string;
  beforeAll(async () => {
    server = await startRedis();
    process.env.REDIS_URL = server.url;
    scratch = `${mkdtempSync(fileURLToPath(new URL("./.docs-examples-", import.meta.url)))}/`;
    // The examples' semaphores lease for 1 s: past the quarantine of a server this young.
    await sleep(2_100);
  }, 30_000);
  afterAll(async () => {
    delete process.env.REDIS_URL;
    rmSync(scratch, { recursive: true, force: true });
    await server?.stop();
  });

  for (const { line, code } of examples) {
    it(`example at line ${line} runs`, async () => {
      const file = `${scratch}runtime_md_${line}.ts`;
      writeFileSync(file, code);
      await expect(import(/* @vite-ignore */ file)).resolves.toBeDefined();
    });
  }
});
