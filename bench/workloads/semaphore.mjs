// Workload 7: Semaphore acquire/release, uncontended (one task, a free permit every time) and
// contended (64 tasks sharing 4 permits, each holding its permit across an await).
import { version } from "../lib/measure.mjs";

const uncontendedCycles = 500_000;
const contendedCycles = 200_000;
const tasks = 64;
const permits = 4;

// Every library is driven through `acquire()` returning a promise and a synchronous `release()`.
async function uncontended(semaphore) {
  for (let count = 0; count < uncontendedCycles; count++) {
    await semaphore.acquire();
    semaphore.release();
  }
  return uncontendedCycles;
}

async function contended(semaphore) {
  let held = 0;
  let most = 0;
  let cycles = 0;
  const task = async () => {
    for (let count = 0; count < contendedCycles / tasks; count++) {
      await semaphore.acquire();
      most = Math.max(most, ++held);
      await undefined;
      held--;
      cycles++;
      semaphore.release();
    }
  };
  await Promise.all(Array.from({ length: tasks }, task));
  // More holders than permits at any moment would be a broken semaphore, not a fast one.
  if (most > permits) throw new Error(`${most} holders of ${permits} permits`);
  return cycles;
}

const libraries = [
  { id: "corral", label: "corral `Semaphore`", role: "corral", make: async (size) => new (await import("../lib/runtime.mjs")).Semaphore(size) },
  { id: "async-sema", label: `async-sema ${version("async-sema")}`, role: "peer", make: async (size) => new (await import("async-sema")).Sema(size) },
  { id: "async-mutex", label: `async-mutex ${version("async-mutex")} (\`Semaphore\`)`, role: "peer", make: async (size) => new (await import("async-mutex")).Semaphore(size) },
];

const rowsFor = (size, run) =>
  libraries.map((library) => ({
    id: library.id,
    label: library.label,
    role: library.role,
    prepare: async () => {
      const semaphore = await library.make(size);
      return () => run(semaphore);
    },
  }));

const expectCycles = (expected) => (cycles) => {
  if (cycles !== expected) throw new Error(`${cycles} of ${expected} cycles`);
};

export default {
  id: "semaphore",
  number: 7,
  title: "Semaphore",
  summary: `Uncontended: one task doing \`await acquire(); release()\` ${uncontendedCycles.toLocaleString("en-US")} times on a semaphore of 1. Contended: ${tasks} tasks sharing ${permits} permits, each holding its permit across an \`await\`, ${contendedCycles.toLocaleString("en-US")} cycles in all; a run that ever has more holders than permits fails.`,
  tables: [
    {
      id: "uncontended",
      title: "Semaphore, uncontended",
      kind: "throughput",
      unit: "cycle",
      units: uncontendedCycles,
      verify: expectCycles(uncontendedCycles),
      rows: rowsFor(1, uncontended),
    },
    {
      id: "contended",
      title: `Semaphore, ${tasks} tasks on ${permits} permits`,
      kind: "throughput",
      unit: "cycle",
      units: contendedCycles,
      verify: expectCycles(contendedCycles),
      rows: rowsFor(permits, contended),
    },
  ],
};
