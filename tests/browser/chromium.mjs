// The Chromium every browser test drives, taken from the npm registry like Bun and Deno, so that
// `npm install` is the whole set-up: no browser installed by hand, no step as root.
//
// Where it comes from, first match wins:
// 1. CORRAL_CHROMIUM, the path of a Chromium or Chrome binary (an escape hatch for other machines);
// 2. on Linux x64 and arm64, @sparticuz/chromium, a devDependency that ships a headless Chromium inside
//    its tarball (brotli-compressed) and unpacks it on first use; playwright's own browser download
//    is not used because it fetches from a CDN outside the registry, which this network refuses;
// 3. elsewhere (macOS, Windows), a Chrome or Chromium installed on the system, found by playwright.
// @sparticuz/chromium is pinned to 143.0.4, its last release whose engines field allows Node 20.
import { existsSync } from "node:fs";
import { arch, platform } from "node:os";

// launchFlags turn off every background service: this machine's network has nothing but the
// loopback, and Chromium waits on the network for some of them.
const launchFlags = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * findChromium resolves where the browser tests' Chromium comes from, unpacking it if needed: an
 * `executablePath`, or a `channel` playwright finds on the system, and `source` for messages.
 */
export async function findChromium() {
  const explicit = process.env.CORRAL_CHROMIUM;
  if (explicit !== undefined && explicit !== "") {
    if (!existsSync(explicit)) throw new Error(`CORRAL_CHROMIUM names ${explicit}, which does not exist`);
    return { executablePath: explicit, source: `CORRAL_CHROMIUM (${explicit})` };
  }
  if (platform() === "linux" && (arch() === "x64" || arch() === "arm64")) {
    let packaged;
    try {
      packaged = (await import("@sparticuz/chromium")).default;
    } catch {
      throw new Error("@sparticuz/chromium is not installed: run `npm install` at the repository root (it is a devDependency)");
    }
    return { executablePath: await packaged.executablePath(), source: "@sparticuz/chromium" };
  }
  return { channel: "chrome", source: "the system's Chrome (set CORRAL_CHROMIUM to use another Chromium)" };
}

/**
 * launchChromium starts a headless Chromium with playwright-core and returns the Browser; the
 * caller closes it.
 */
export async function launchChromium() {
  const found = await findChromium();
  const { chromium } = await import("playwright-core");
  const { source, ...where } = found;
  try {
    return await chromium.launch({ ...where, headless: true, chromiumSandbox: false, args: launchFlags });
  } catch (error) {
    throw new Error(`Chromium from ${source} did not start: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}
