// Workload 1: 200,000 trivial async tasks at concurrency 16, the shape of "fetch these URLs, 16
// at a time" with the I/O taken out so that only the scheduling cost remains.
import { version } from "../lib/measure.mjs";

const items = 200_000;
const concurrency = 16;
const input = Array.from({ length: items }, (_, index) => index);
const task = async (item) => item + 1;
const expectedSum = (items * (items + 1)) / 2;

function verify(results) {
  if (!Array.isArray(results) || results.length !== items) throw new Error(`expected ${items} results`);
  let sum = 0;
  for (let index = 0; index < items; index++) {
    if (results[index] !== index + 1) throw new Error(`result ${index} is ${results[index]}, expected ${index + 1}`);
    sum += results[index];
  }
  if (sum !== expectedSum) throw new Error("results do not add up");
}

// The physical limit: 16 workers pulling from a shared index into a preallocated array, the loop
// a careful person writes by hand when no library is allowed.
async function handWritten() {
  const results = new Array(items);
  let next = 0;
  const worker = async () => {
    while (next < items) {
      const index = next++;
      results[index] = await task(input[index]);
    }
  };
  const workers = [];
  for (let count = 0; count < concurrency; count++) workers.push(worker());
  await Promise.all(workers);
  return results;
}

const rows = [
  {
    id: "corral",
    label: "corral `map`",
    role: "corral",
    prepare: async () => {
      const { map } = await import("../lib/runtime.mjs");
      return () => map(input, task, { concurrency });
    },
  },
  { id: "hand-written", label: "hand-written 16-worker loop", role: "reference", prepare: async () => handWritten },
  {
    id: "promise-all",
    label: "`Promise.all` (unbounded)",
    role: "reference",
    prepare: async () => () => Promise.all(input.map(task)),
  },
  {
    id: "p-limit",
    label: `p-limit ${version("p-limit")} (\`limit.map\`)`,
    role: "peer",
    prepare: async () => {
      const { default: pLimit } = await import("p-limit");
      return () => pLimit(concurrency).map(input, task);
    },
  },
  {
    id: "p-map",
    label: `p-map ${version("p-map")}`,
    role: "peer",
    prepare: async () => {
      const { default: pMap } = await import("p-map");
      return () => pMap(input, task, { concurrency });
    },
  },
  {
    id: "p-queue",
    label: `p-queue ${version("p-queue")} (\`add\` + \`Promise.all\`)`,
    role: "peer",
    prepare: async () => {
      const { default: PQueue } = await import("p-queue");
      return () => {
        const queue = new PQueue({ concurrency });
        return Promise.all(input.map((item) => queue.add(() => task(item))));
      };
    },
  },
  {
    id: "async",
    label: `async ${version("async")} (\`mapLimit\`)`,
    role: "peer",
    prepare: async () => {
      const { mapLimit } = await import("async");
      return () => mapLimit(input, concurrency, task);
    },
  },
  {
    id: "async-sema",
    label: `async-sema ${version("async-sema")} (acquire/release + \`Promise.all\`)`,
    role: "peer",
    prepare: async () => {
      const { Sema } = await import("async-sema");
      return () => {
        const sema = new Sema(concurrency);
        return Promise.all(
          input.map(async (item) => {
            await sema.acquire();
            try {
              return await task(item);
            } finally {
              sema.release();
            }
          }),
        );
      };
    },
  },
];

export default {
  id: "map",
  number: 1,
  title: "Bounded map",
  summary: `${items.toLocaleString("en-US")} trivial async tasks (\`async (item) => item + 1\`) over an array at concurrency ${concurrency}; every result is checked.`,
  tables: [{ id: "throughput", title: "Bounded map", kind: "throughput", unit: "task", units: items, verify, rows }],
};
