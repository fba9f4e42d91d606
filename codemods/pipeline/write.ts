// Write: each file is replaced atomically (a temporary file in the same folder, then a rename), so
// a crash or a full disk leaves either the old file or the new one, never half of one.
import { randomBytes } from "node:crypto";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** writeAtomically replaces `file` with `text`, keeping its permissions. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const { mode } = await stat(file);
  const temporary = join(dirname(file), `.${basename(file)}.corral-${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, text, { mode, flag: "wx" });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
