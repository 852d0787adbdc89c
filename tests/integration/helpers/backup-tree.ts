import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A scratch directory standing in for a NAS share; files get explicit sizes and mtimes. */
export async function backupTree() {
  const root = await mkdtemp(join(tmpdir(), "vigie-backups-"));
  return {
    root,
    async file(relativePath: string, size: number, mtime: Date) {
      const path = join(root, relativePath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, Buffer.alloc(size, 7));
      await utimes(path, mtime, mtime);
      return path;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
