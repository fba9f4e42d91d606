// A small glob matcher rather than a dependency: the rules need only the subset ESLint users write
// in `files` patterns (`**`, `*`, `?`, `{a,b}`), and a matcher compiled once per pattern list keeps
// the per-file check to one regular-expression test.

const compiled = new Map<string, RegExp>();

/**
 * matchesGlob tells whether `path` (relative, with `/` separators) matches one of `patterns`:
 * `**` as a whole segment matches any number of folders (none included), `*` any characters but
 * `/`, `?` one such character, `{a,b}` either alternative. A pattern matches the whole path: a
 * leading `**` and `/` match from any folder down, while `*.test.ts` alone matches only a file at the top.
 */
export function matchesGlob(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => getRegExp(pattern).test(path));
}

function getRegExp(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (regExp === undefined) {
    regExp = new RegExp(`^${translate(pattern)}$`);
    compiled.set(pattern, regExp);
  }
  return regExp;
}

function translate(pattern: string): string {
  let source = "";
  let openBraces = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern.charAt(index);
    const atSegmentStart = index === 0 || pattern.charAt(index - 1) === "/";
    if (character === "*" && pattern.charAt(index + 1) === "*" && atSegmentStart) {
      const next = pattern.charAt(index + 2);
      if (next === "/") {
        source += "(?:[^/]*/)*";
        index += 2;
        continue;
      }
      if (next === "") {
        source += ".*";
        index += 1;
        continue;
      }
    }
    if (character === "*") source += "[^/]*";
    else if (character === "?") source += "[^/]";
    else if (character === "{") {
      openBraces++;
      source += "(?:";
    } else if (character === "}" && openBraces > 0) {
      openBraces--;
      source += ")";
    } else if (character === "," && openBraces > 0) source += "|";
    else source += character.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return source;
}
