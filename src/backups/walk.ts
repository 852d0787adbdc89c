import { opendirSync, statSync, type Dir, type Dirent } from "node:fs";
import { join } from "node:path";
import picomatch from "picomatch";
import type { BackupReason } from "./reasons";

export type FoundFile = { path: string; size: number; mtimeMs: number };

/** A location the scanner could not read: it makes the job FAILED with this reason. */
export class LocationError extends Error {
  constructor(readonly reason: BackupReason) {
    super(`${reason.code} ${JSON.stringify(reason.params)}`);
  }
}

export function locationProblem(path: string, err: NodeJS.ErrnoException): BackupReason {
  switch (err.code) {
    case "ENOENT":
      return { code: "location_missing", params: { path } };
    case "EACCES":
    case "EPERM":
      return { code: "location_denied", params: { path } };
    case "ENOTDIR":
      return { code: "location_not_directory", params: { path } };
    default:
      return { code: "location_unreadable", params: { path, error: err.message } };
  }
}

/** A glob without a slash matches file names at any depth; one with a slash matches the relative path. */
export function compileArtefactPattern(pattern: string): (relativePath: string) => boolean {
  return picomatch(pattern, { basename: !pattern.includes("/"), dot: false });
}

const STAT_CHUNK = 512;

/**
 * The matching files under `root`, in chunks, with stat only (no reads, no hashing). Directories
 * are read entry by entry (opendir), so a location of any size is walked in bounded memory.
 * Sub-directories are entered only when `recursive`; symbolic links to directories are never
 * followed (no loops). Reads are synchronous, a chunk at a time: per file, a thread-pool round trip
 * costs several times the stat itself; between chunks the event loop runs.
 */
export async function* walkLocation(root: string, options: { pattern: string; recursive: boolean }): AsyncGenerator<FoundFile[]> {
  const matches = compileArtefactPattern(options.pattern);
  const pending: string[] = [""];
  while (pending.length) {
    const rel = pending.pop()!;
    const dir = rel ? join(root, rel) : root;
    let handle: Dir;
    try {
      handle = opendirSync(dir, { bufferSize: 256 });
    } catch (err) {
      throw new LocationError(locationProblem(dir, err as NodeJS.ErrnoException));
    }
    try {
      for (;;) {
        const found: FoundFile[] = [];
        let entry: Dirent | null = null;
        for (let n = 0; n < STAT_CHUNK; n++) {
          entry = handle.readSync();
          if (!entry) break;
          const path = rel ? `${rel}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (options.recursive) pending.push(path);
            continue;
          }
          if (!matches(path)) continue;
          const stat = statSync(`${dir}/${entry.name}`, { throwIfNoEntry: false });
          // Gone since listed, or a link to a directory or to nothing: not an artefact.
          if (stat?.isFile()) found.push({ path, size: stat.size, mtimeMs: stat.mtimeMs });
        }
        if (found.length) yield found;
        if (!entry) break;
        await new Promise((r) => setImmediate(r));
      }
    } catch (err) {
      throw new LocationError(locationProblem(dir, err as NodeJS.ErrnoException));
    } finally {
      handle.closeSync();
    }
  }
}
