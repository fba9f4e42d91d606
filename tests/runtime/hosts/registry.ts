// describe, it and the hooks, the same in every host: a test is registered with the host as one
// flat, fully named function that runs its hooks around it, so a host only needs to run
// functions by name (bun:test's `test`, `Deno.test`, the page's loop). Each test file is bundled
// on its own, so the hooks a file registers at its top level apply to that file alone, as in vitest.
import { register } from "./host.js";

declare const __CORRAL_TEST_FILE__: string;

type Hook = () => unknown;

interface Suite {
  readonly name: string;
  readonly parent: Suite | undefined;
  readonly beforeEach: Hook[];
  readonly afterEach: Hook[];
}

const defaultTimeout = 20_000;
let current: Suite = { name: __CORRAL_TEST_FILE__, parent: undefined, beforeEach: [], afterEach: [] };

/** describe groups tests under `name`; hooks registered in `body` apply to its tests only. */
export function describe(name: string, body: () => void): void {
  const suite: Suite = { name, parent: current, beforeEach: [], afterEach: [] };
  current = suite;
  try {
    body();
  } finally {
    current = suite.parent as Suite;
  }
}

/** beforeEach runs `hook` before each test of the enclosing describe (or file). */
export function beforeEach(hook: Hook): void {
  current.beforeEach.push(hook);
}

/** afterEach runs `hook` after each test of the enclosing describe (or file), even a failed one. */
export function afterEach(hook: Hook): void {
  current.afterEach.push(hook);
}

/** it registers a test; `timeout` is in milliseconds, as vitest's third argument. */
export function it(name: string, body: () => unknown, timeout = defaultTimeout): void {
  const suites: Suite[] = [];
  for (let suite: Suite | undefined = current; suite; suite = suite.parent) suites.unshift(suite);
  register({
    name: [...suites.map((suite) => suite.name), name].join(" > "),
    timeout,
    run: async () => {
      for (const suite of suites) for (const hook of suite.beforeEach) await hook();
      let failure: { error: unknown } | undefined;
      try {
        await withinTimeout(body, timeout);
      } catch (error) {
        failure = { error };
      }
      for (const suite of [...suites].reverse()) {
        for (const hook of suite.afterEach) {
          try {
            await hook();
          } catch (error) {
            failure ??= { error };
          }
        }
      }
      if (failure) throw failure.error;
    },
  });
}

/** each is vitest's `it.each(cases)(title, body)`: one test per case, `%s` in the title replaced by it. */
it.each = <Case>(cases: readonly Case[]) =>
  (title: string, body: (testCase: Case) => unknown, timeout = defaultTimeout): void => {
    for (const testCase of cases) it(title.replace("%s", String(testCase)), () => body(testCase), timeout);
  };

async function withinTimeout(body: () => unknown, timeout: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Test timed out in ${timeout}ms`)), timeout);
  });
  try {
    await Promise.race([Promise.resolve().then(body), expired]);
  } finally {
    clearTimeout(timer);
  }
}
