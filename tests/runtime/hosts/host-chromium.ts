// Chromium: tests queue on the page (run.mjs's page script runs them one at a time and reports
// to the driver), since a browser has no test runner of its own.
import type { HostTest } from "./host.js";
import { onWindowUnhandledRejection } from "./window-rejections.js";

declare const __CORRAL_TEST_FILE__: string;

export const hostName = "chromium";

export function register(entry: HostTest): void {
  const page = globalThis as unknown as { corralTests?: { file: string; test: HostTest }[] };
  (page.corralTests ??= []).push({ file: __CORRAL_TEST_FILE__, test: entry });
}

export const onUnhandledRejection = onWindowUnhandledRejection;
