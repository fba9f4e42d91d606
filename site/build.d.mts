// Types of build.mjs for the tests and the benchmark that build the site.

/** withoutComments returns a declaration file's text without its comments (see build.mjs). */
export function withoutComments(fileName: string, text: string): string;
/** typings returns the virtual project the lint worker type-checks in, path → text. */
export function typings(): Record<string, string>;
/** buildSite builds the site into `outDir` (emptied first) and returns each file's size in bytes by path. */
export function buildSite(outDir?: string, options?: { minify?: boolean }): Promise<Record<string, number>>;
