// What the figures were measured on: they mean little without it.
import { cpus, freemem, loadavg, totalmem } from "node:os";

/** describeMachine returns the CPU model, core count, memory, load and Node version. */
export function describeMachine() {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    load: loadavg().map((value) => value.toFixed(2)).join(" / "),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
  };
}
