// Write: each file is replaced atomically (a temporary file in the same folder, then a rename), so
// a crash or a full disk leaves either the old file or the new one, never half of one.
import { randomBytes } from "node:crypto";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const writeBits = 0o222;

/**
 * readOnlyReason says why `file` must not be replaced, or undefined: a file or folder whose mode
 * grants nobody write access. The rename would replace such a file regardless (and, as root, even
 * in such a folder), where `eslint --fix` and `prettier --write` fail with EACCES; the mode is the
 * owner's word, so the codemod keeps to it too.
 */
export async function readOnlyReason(file: string): Promise<string | undefined> {
  const { mode } = await stat(file);
  if ((mode & writeBits) === 0) return `is read-only (mode ${(mode & 0o777).toString(8)}): make it writable (chmod u+w) to let corral rewrite it`;
  const folder = await stat(dirname(file));
  if ((folder.mode & writeBits) === 0) return `is in a read-only folder (mode ${(folder.mode & 0o777).toString(8)}), where corral cannot replace it atomically: make the folder writable (chmod u+w) to let corral rewrite it`;
  return undefined;
}

/** writeAtomically replaces `file` with `text`, keeping its permissions; a read-only file or folder (readOnlyReason) is refused with that reason. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const refused = await readOnlyReason(file);
  if (refused !== undefined) throw new Error(refused);
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
