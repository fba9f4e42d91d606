// The rules and the codemod know the runtime by name (the plugin cannot depend on the package that
// applications install): every name they rely on must be a real export, or method, of it.
import * as runtime from "@corral/runtime";
import { describe, expect, it } from "vitest";
import { runtimeLimiters, runtimeModule, runtimeOwners, runtimeRewriteExports } from "../../rules/util/runtime.js";
import runtimePackage from "../../runtime/package.json" with { type: "json" };

const exported = runtime as Record<string, unknown>;

describe("the runtime names of the rules and the codemod", () => {
  it("name the runtime package", () => {
    expect(runtimeModule).toBe(runtimePackage.name);
  });

  it.each([...runtimeOwners.functions, ...runtimeLimiters.functions, ...runtimeRewriteExports])("%s is an export of the runtime", (name) => {
    expect(typeof exported[name]).toBe("function");
  });

  it.each(Object.entries(runtimeOwners.methods).flatMap(([owner, methods]) => methods.map((method) => [owner, method] as const)))(
    "%s#%s is a method of the runtime's class",
    (owner, method) => {
      const constructor = exported[owner] as { prototype: Record<string, unknown> } | undefined;
      expect(typeof constructor?.prototype[method]).toBe("function");
    },
  );

  it.each(runtimeLimiters.classes)("%s is a class of the runtime", (name) => {
    expect(typeof (exported[name] as { prototype?: unknown } | undefined)?.prototype).toBe("object");
  });
});
