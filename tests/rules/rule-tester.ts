// Shared RuleTester setup: typed rules run against fixture projects that mirror what users have,
// one with Node typings and one with DOM-only typings (where timers return numbers and
// `process` does not exist), so every rule is checked under both.
import { fileURLToPath } from "node:url";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * Fixture names the typings a test project has: "node" (@types/node), "dom" (lib.dom only), or
 * "sdk" (@types/node and the SDKs installed as devDependencies: axios, got, ky, undici, node-fetch,
 * the AWS SDK, openai, stripe, pg, ioredis, mongodb, with their own declarations).
 */
export type Fixture = "node" | "dom" | "sdk";

/** fixtureDirectory is the folder of a fixture project (its tsconfig.json and placeholder files). */
export function fixtureDirectory(fixture: Fixture): string {
  return fileURLToPath(new URL(`./fixtures/${fixture}/`, import.meta.url));
}

/** createRuleTester returns a RuleTester whose cases are type-checked in the given fixture project. */
export function createRuleTester(fixture: Fixture = "node"): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        // The fixture tsconfig includes the placeholder files, so the project service finds it for them.
        projectService: true,
        tsconfigRootDir: fixtureDirectory(fixture),
      },
    },
  });
}
