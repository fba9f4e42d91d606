// corral lints itself with its own recommended config: the rules gate this repository's code the
// way they gate a user's pull requests.
import corral from "eslint-plugin-corral";

export default [
  // examples/service is the demo's deliberately buggy service: the demo lints it to show the findings;
  // bench/playground/ holds the file the playground's re-lint is timed on, findings included.
  { ignores: ["**/dist/", "coverage/", "examples/service/", "tests/**/fixtures/", "tests/**/.docs-examples-*/", "bench/.results/", "bench/playground/"] },
  corral.configs.recommended,
  { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
  {
    // vitest's `const assertion = expect(promise).rejects…; await vi.advanceTimersByTimeAsync(…);
    // await assertion` attaches its handler to `promise` at once; the assertion promise rejects
    // only when the assertion fails, and then vitest reports the failure either way.
    // (require-timeout leaves tests/ alone by default: vitest's testTimeout is their deadline.)
    files: ["tests/**/*.ts"],
    rules: {
      "corral/no-unhandled-rejection": ["error", { ignoredCallees: ["expect"] }],
    },
  },
];
