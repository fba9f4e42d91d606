// Workload 4: a worker pool fed job by job with backpressure, results read as they come: Go's
// jobs channel, N workers and a results channel, against p-queue used the same way.
import { version } from "../lib/measure.mjs";

const jobs = 100_000;
const workers = 16;
const queueSize = 16;
const handler = async (job) => job + 1;
const expectedSum = (jobs * (jobs + 1)) / 2;

const rows = [
  {
    id: "corral",
    label: "corral `WorkerPool`",
    role: "corral",
    prepare: async () => {
      const { WorkerPool } = await import("../lib/runtime.mjs");
      return async () => {
        const pool = new WorkerPool(handler, { workers, queueSize });
        const reader = (async () => {
          let sum = 0;
          for await (const record of pool.results) sum += record.value;
          return sum;
        })();
        for (let job = 0; job < jobs; job++) await pool.submit(job);
        await pool.stop();
        return reader;
      };
    },
  },
  {
    id: "p-queue",
    label: `p-queue ${version("p-queue")} (\`onSizeLessThan\` + \`add\`)`,
    role: "peer",
    prepare: async () => {
      const { default: PQueue } = await import("p-queue");
      return async () => {
        const queue = new PQueue({ concurrency: workers });
        let sum = 0;
        const record = (value) => {
          sum += value;
        };
        for (let job = 0; job < jobs; job++) {
          // p-queue's documented backpressure: wait while the queue holds queueSize jobs.
          if (queue.size >= queueSize) await queue.onSizeLessThan(queueSize);
          queue.add(() => handler(job)).then(record);
        }
        await queue.onIdle();
        return sum;
      };
    },
  },
];

export default {
  id: "worker-pool",
  number: 4,
  title: "WorkerPool",
  summary: `${jobs.toLocaleString("en-US")} jobs submitted one by one (\`await submit\`) to ${workers} workers with a queue of ${queueSize}, results read as they complete, against p-queue with its documented backpressure (\`onSizeLessThan\`).`,
  tables: [
    {
      id: "throughput",
      title: "WorkerPool submit → result",
      kind: "throughput",
      unit: "job",
      units: jobs,
      verify: (sum) => {
        if (sum !== expectedSum) throw new Error(`results add up to ${sum}, expected ${expectedSum}`);
      },
      rows,
    },
  ],
};
