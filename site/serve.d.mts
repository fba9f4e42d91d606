// Types of serve.mjs for the tests and the benchmark that serve the site.

/** serveSite serves `folder` on 127.0.0.1 and resolves to its URL and a function that stops it. */
export function serveSite(folder: string, port?: number): Promise<{ url: string; close: () => Promise<void> }>;
