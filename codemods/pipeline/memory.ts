// Between stages, the previous stage's data (the lint's programs, the rewrites' syntax trees, a
// tsconfig's checked program) is garbage, but V8 collects an old generation only when it reaches a
// limit set from its size at the last collection: the next stage would then grow the heap on top of
// the last one's garbage, and the run's peak would be the sum of the stages instead of the largest.
import { Session } from "node:inspector/promises";
import { getHeapStatistics } from "node:v8";

/**
 * collectGarbage runs a full garbage collection now. The inspector protocol's
 * `HeapProfiler.collectGarbage` needs no command-line flag (`--expose-gc`), so the CLI and the
 * programmatic API both get it; it costs a fraction of a second per gigabyte still alive.
 */
export async function collectGarbage(): Promise<void> {
  const session = new Session();
  session.connect();
  try {
    await session.post("HeapProfiler.collectGarbage");
  } finally {
    session.disconnect();
  }
}

/**
 * stageGarbageBytes is the used heap below which a collection between stages is skipped: the
 * inspector's collection runs several full collections (about a second each time, measured in the
 * codemod's tests), while the garbage it could free there is at most this much, which the next
 * stage's peak can carry. Repo-scale runs, for which the collections exist, are far above it.
 */
export const stageGarbageBytes = 256 * 2 ** 20;

/**
 * collectStageGarbage collects garbage between two stages, when the heap used is at least
 * `threshold`, and tells whether it did.
 */
export async function collectStageGarbage(
  threshold = stageGarbageBytes,
  heapUsed: () => number = () => getHeapStatistics().used_heap_size,
  collect: () => Promise<void> = collectGarbage,
): Promise<boolean> {
  if (heapUsed() < threshold) return false;
  await collect();
  return true;
}

/** heapBudgetBytes is the heap the codemod keeps to while it can: 1.5 GiB, about 2 GB of resident memory. */
export const heapBudgetBytes = 1.5 * 2 ** 30;

/**
 * HeapBudget keeps a long stage's heap near what is alive. `check` collects garbage once the heap
 * passes its threshold: the budget, or a quarter more than what was alive after the last
 * collection when that is more, so a project whose program alone exceeds the budget is collected
 * a few times, not after every file.
 */
export class HeapBudget {
  #threshold: number;

  constructor(
    readonly budget = heapBudgetBytes,
    readonly heapUsed: () => number = () => getHeapStatistics().used_heap_size,
    readonly collect: () => Promise<void> = collectGarbage,
  ) {
    this.#threshold = budget;
  }

  /** check collects garbage if the heap has grown past the threshold, and sets the next one. */
  async check(): Promise<void> {
    if (this.heapUsed() < this.#threshold) return;
    await this.collect();
    this.#threshold = Math.max(this.budget, this.heapUsed() * 1.25);
  }
}
