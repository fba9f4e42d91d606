// Types of tests/preflight.mjs, for the tests that import it.

/** Check is one program `npm test` needs: how to start it, and what to do when it does not start. */
export interface Check {
  name: string;
  /** needed: false for a program npm cannot install; the tests that need it then do not run. */
  needed: boolean;
  /** run resolves with the program's version, or rejects when it does not start. */
  run: () => Promise<string>;
  fix: string;
}

/** checks are the programs `npm test` needs. */
export const checks: Check[];

/** preflight runs the checks at once; `ok` is false when a needed program did not start. */
export function preflight(list?: readonly Check[]): Promise<{ ok: boolean; lines: string[] }>;
