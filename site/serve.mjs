// Serves the built site (site/dist, or the folder given) on 127.0.0.1: plain files, nothing else,
// since the playground runs entirely in the page. Browsers load module workers only over HTTP,
// not from file://, so the site needs this much of a server.
//
// Usage: node site/serve.mjs [folder] [--port N]     (npm run site:serve builds first; PORT works too)
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * serveSite serves the files under `folder` on 127.0.0.1 at `port` (0 picks a free one) and
 * resolves to the site's URL (with a trailing slash) and a function that stops the server.
 */
export async function serveSite(folder, port = 0) {
  const base = resolve(folder);
  if (!existsSync(join(base, "index.html"))) throw new Error(`${base} has no index.html: build the site first (npm run site)`);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`not found: ${path}\n`);
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    createReadStream(file).pipe(response);
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => done(undefined));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/`;
  return { url, close: () => new Promise((done) => server.close(() => done(undefined))) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const portFlag = args.indexOf("--port");
  const port = Number(portFlag === -1 ? (process.env.PORT ?? 4173) : args[portFlag + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`--port must be a port number, not ${args[portFlag + 1] ?? process.env.PORT}`);
  const folder = args.find((arg, index) => !arg.startsWith("--") && (portFlag === -1 || index !== portFlag + 1)) ?? fileURLToPath(new URL("dist", import.meta.url));
  const { url } = await serveSite(folder, port);
  console.log(`corral's site: ${url} (the playground), ${url}docs/rules/no-fire-and-forget.html (a rule page); Ctrl-C stops`);
}
