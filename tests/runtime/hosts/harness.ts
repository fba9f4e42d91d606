// The test API of the runtime's behaviour tests outside Node (Bun, Deno, Chromium), with the
// exports of tests/runtime/harness.ts. The assertions are vitest's own (@vitest/expect on chai,
// @vitest/spy), so a test means the same thing in every host; only running tests and observing
// the host (abort listeners, unhandled rejections) differ, and those are the parts written here.
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  type ExpectStatic,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  customMatchers,
  getState,
  setState,
} from "@vitest/expect";
import { fn, restoreAllMocks, spyOn } from "@vitest/spy";
import * as chai from "chai";
import { hostName, onUnhandledRejection } from "./host.js";
import { countAbortListeners } from "./listener-count.js";

export { expectTypeOf } from "expect-type";
export { afterEach, beforeEach, describe, it } from "./registry.js";
export { onUnhandledRejection };

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** expect is vitest's expect, built the way vitest builds it, minus snapshots and polling. */
export const expect = ((value: unknown, message?: string) => {
  const { assertionCalls } = getState(expect);
  setState({ assertionCalls: assertionCalls + 1 }, expect);
  return chai.expect(value, message);
}) as ExpectStatic;
Object.assign(expect, chai.expect);
Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
expect.getState = () => getState(expect);
expect.setState = (state) => setState(state, expect);
setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null, currentTestName: "" }, expect);
// JestExtend adds `extend` to chai's expect at run time; its types know only vitest's form of it.
expect.extend = (matchers) => (chai.expect as unknown as { extend: (to: ExpectStatic, with_: typeof matchers) => void }).extend(expect, matchers);
expect.extend(customMatchers);
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });

/** vi is the part of vitest's `vi` that needs no fake timers or module mocking. */
export const vi = {
  fn,
  spyOn,
  restoreAllMocks,
  /** waitFor retries `check` until it stops throwing, as vitest's waitFor does (1 s, every 50 ms). */
  async waitFor<T>(check: () => T, options: { timeout?: number; interval?: number } = {}): Promise<T> {
    const { timeout = 1_000, interval = 50 } = options;
    const started = Date.now();
    for (;;) {
      try {
        return check();
      } catch (error) {
        if (Date.now() - started >= timeout) throw error;
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    }
  },
};

/** host names where the tests run, for the rare assertion that depends on it. */
export const host = hostName;

/** abortListenerCount is the number of "abort" listeners on `signal`. */
export const abortListenerCount = countAbortListeners;

/** flushMacrotask waits until every pending microtask, and the host's unhandled-rejection report, has run. */
export function flushMacrotask(): Promise<void> {
  // Two timer turns: a browser reports an unhandled rejection in a task of its own, queued at the
  // microtask checkpoint that found it, which the first turn may not yet follow.
  return new Promise((resolve) => setTimeout(() => setTimeout(resolve, 0), 0));
}
