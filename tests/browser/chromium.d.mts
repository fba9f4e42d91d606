// Types of chromium.mjs for the TypeScript tests that launch the browser.
import type { Browser } from "playwright-core";

/** findChromium resolves where the browser tests' Chromium comes from (see chromium.mjs). */
export function findChromium(): Promise<{ executablePath?: string; channel?: string; source: string }>;
/** launchChromium starts a headless Chromium with playwright-core; the caller closes it. */
export function launchChromium(): Promise<Browser>;
