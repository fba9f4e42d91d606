// Types of measure.mjs for the tests and the benchmark that measure the playground.
import type { Browser, Page } from "playwright-core";

/** PlaygroundFigures are the playground's measured performance (see measurePlayground). */
export interface PlaygroundFigures {
  firstFindingsMs: number;
  firstFindingsSharedMs: number;
  relintMs: number;
  relintMaxMs: number;
  relintWithTypesMs: number;
  relintWorkerMs: number;
  /** CPU time of the browser's processes (Linux only), medians. */
  firstFindingsCpuMs: number | undefined;
  relintCpuMs: number | undefined;
  lines: number;
  bundleBytes: number;
  bundleGzipBytes: number;
  bundleFiles: { path: string; bytes: number; gzipBytes: number }[];
}

export const editedFile: string;
/** shareHash returns the playground's share fragment for `code`. */
export function shareHash(code: string): string;
/** waitForLint waits for the findings of a lint newer than `after` and returns the status's dataset. */
export function waitForLint(page: Page, after?: string, timeout?: number): Promise<Record<string, string>>;
/** lintId returns the id of the last lint the page showed ("0" before the first). */
export function lintId(page: Page): Promise<string>;
/** bundleSize returns the bytes and gzipped bytes of the files `loaded` from the site in `directory`. */
export function bundleSize(directory: string, loaded: string[]): { bytes: number; gzipBytes: number; files: PlaygroundFigures["bundleFiles"] };
/** measurePlayground measures first findings, re-lint time and bundle size in `browser`. */
export function measurePlayground(browser: Browser, siteUrl: string, directory: string, options?: { loads?: number; edits?: number }): Promise<PlaygroundFigures>;
