// Where a new runtime import goes, for the rules' fixes and the codemod alike.
import { describe, expect, it } from "vitest";
import { type ImportSite, pathAliases, placeRuntimeImport } from "../../rules/util/runtime-import-placement.js";

const statement = 'import { go } from "@corral/runtime";';

// insert applies the placement to `source` the way both callers do.
function insert(source: string, aliases: readonly string[] = []): string {
  const imports: ImportSite[] = [];
  for (const match of source.matchAll(/^import [^;]* from "([^"]+)";$/gm)) imports.push({ specifier: match[1]!, start: match.index, end: match.index + match[0].length });
  const placement = placeRuntimeImport(source, imports, aliases);
  if (!placement) return `${statement}\n${source}`;
  return `${source.slice(0, placement.at)}${placement.text(statement)}${source.slice(placement.at)}`;
}

describe("placeRuntimeImport", () => {
  it("puts the import with the package imports, not after the relative ones", () => {
    const source = ['import { Injectable } from "@nestjs/common";', "", 'import { Config } from "../config";', 'import { loggerCtx } from "./constants";', ""].join("\n");
    expect(insert(source)).toBe(['import { go } from "@corral/runtime";', 'import { Injectable } from "@nestjs/common";', "", 'import { Config } from "../config";', 'import { loggerCtx } from "./constants";', ""].join("\n"));
  });

  it("keeps a sorted group sorted, in the last group that holds packages (path aliases first, then third-party)", () => {
    const source = ['import { a } from "@app/common";', "", 'import { Logger } from "@nestjs/common";', 'import ms from "ms";', "", 'import { b } from "./b";', ""].join("\n");
    expect(insert(source)).toBe(['import { a } from "@app/common";', "", 'import { go } from "@corral/runtime";', 'import { Logger } from "@nestjs/common";', 'import ms from "ms";', "", 'import { b } from "./b";', ""].join("\n"));
  });

  it("goes after the last package import of an unsorted group", () => {
    const source = ['import ms from "ms";', 'import { Logger } from "@nestjs/common";', 'import { b } from "./b";', ""].join("\n");
    expect(insert(source)).toBe(['import ms from "ms";', 'import { Logger } from "@nestjs/common";', 'import { go } from "@corral/runtime";', 'import { b } from "./b";', ""].join("\n"));
  });

  it("goes after the last package import when it sorts after all of them, and before one it sorts before", () => {
    const after = ['import { S3 } from "@aws-sdk/client-s3";', 'import { b } from "../b";', ""].join("\n");
    expect(insert(after)).toBe(['import { S3 } from "@aws-sdk/client-s3";', statement, 'import { b } from "../b";', ""].join("\n"));
    const before = ['import { from } from "rxjs";', 'import { b } from "../b";', ""].join("\n");
    expect(insert(before)).toBe([statement, 'import { from } from "rxjs";', 'import { b } from "../b";', ""].join("\n"));
  });

  it("never goes before one of Node's own modules, which come first", () => {
    const source = ['import { EventEmitter } from "events";', 'import { Readable } from "node:stream";', 'import { from } from "rxjs";', ""].join("\n");
    expect(insert(source)).toBe(['import { EventEmitter } from "events";', 'import { Readable } from "node:stream";', statement, 'import { from } from "rxjs";', ""].join("\n"));
  });

  it("goes before the first import of a file that imports only its own modules, and nowhere without imports", () => {
    expect(insert('import { b } from "./b";\n')).toBe(`${statement}\nimport { b } from "./b";\n`);
    expect(placeRuntimeImport("const x = 1;\n", [])).toBeUndefined();
  });

  it("takes a path alias (tsconfig paths) or a subpath import for the project's own code, not a package", () => {
    const source = ['import { addDays } from "date-fns";', 'import { Op } from "sequelize";', 'import { Team } from "@server/models";', 'import env from "#env";', 'import Base from "./Base";', ""].join("\n");
    const aliased = insert(source, ["@server/*", "~/*"]);
    expect(aliased).toBe([statement, 'import { addDays } from "date-fns";', 'import { Op } from "sequelize";', 'import { Team } from "@server/models";', 'import env from "#env";', 'import Base from "./Base";', ""].join("\n"));
    const unsortedAliasLast = ['import { Op } from "sequelize";', 'import { addDays } from "date-fns";', 'import { Team } from "@server/models";', ""].join("\n");
    expect(insert(unsortedAliasLast, ["@server/*"])).toBe(['import { Op } from "sequelize";', 'import { addDays } from "date-fns";', statement, 'import { Team } from "@server/models";', ""].join("\n"));
  });

  it("counts as aliases only the paths patterns that map into the project", () => {
    expect(pathAliases({ "@server/*": ["./server/*"], "~/*": ["./app/*"], vite: ["./node_modules/vite/dist/node/index.d.ts"] })).toEqual(["@server/*", "~/*"]);
    expect(pathAliases(undefined)).toEqual([]);
  });
});
