// The playground page's first script: it starts the lint worker and the download of the typings
// before anything else, since they are megabytes (TypeScript, ESLint, @types/node) and the first
// findings wait for them; the editor and its user interface load meanwhile.
import type { WorkerRequest } from "./protocol.js";

const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
const ui = import("./playground.js");

// The buffer moves to the worker, uncopied.
fetch(new URL("typings.json", import.meta.url))
  .then(async (response) => {
    if (!response.ok) throw new Error(`typings.json: HTTP ${response.status}`);
    const files = await response.arrayBuffer();
    worker.postMessage({ type: "typings", files } satisfies WorkerRequest, [files]);
  })
  .catch(async (error: unknown) => (await ui).fail(`The playground could not load its type declarations: ${error instanceof Error ? error.message : String(error)}`));

(await ui).startPlayground(worker);
