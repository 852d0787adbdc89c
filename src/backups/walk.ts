import { isUtf8 } from "node:buffer";
import { opendirSync, readdirSync, statSync, type Dir, type Dirent } from "node:fs";
import picomatch from "picomatch";
import type { BackupReason } from "./reasons";

/**
 * Files found in a location, as columns: the walk thread hands a chunk to the scan as three arrays,
 * far cheaper to copy between threads than an object per file.
 */
export type FoundFiles = { paths: string[]; sizes: number[]; mtimes: number[] };

const noFiles = (): FoundFiles => ({ paths: [], sizes: [], mtimes: [] });

/** Adds the file at `at` (listed as `path`) when it is a regular file: gone since listed, or a link to a directory or to nothing, is not an artefact. */
function addIfFile(found: FoundFiles, path: string, at: string | Buffer) {
  const stat = statSync(at, { throwIfNoEntry: false });
  if (!stat?.isFile()) return;
  found.paths.push(path);
  found.sizes.push(stat.size);
  found.mtimes.push(stat.mtimeMs);
}

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

/** Whether a file, by its path relative to the location and by its name, is an artefact. */
export type ArtefactMatcher = (relativePath: string, name: string) => boolean;

const compiledPatterns = new Map<string, ArtefactMatcher>();
const COMPILED_PATTERNS_KEPT = 1_000;

/**
 * A glob without a slash matches file names at any depth; one with a slash matches the relative
 * path. Compiled once per pattern: a scan matches the same few patterns in a thousand locations.
 */
export function compileArtefactPattern(pattern: string): ArtefactMatcher {
  let matcher = compiledPatterns.get(pattern);
  if (!matcher) {
    const glob = picomatch(pattern, { dot: false });
    matcher = pattern.includes("/") ? (relativePath) => glob(relativePath) : (_relativePath, name) => glob(name);
    if (compiledPatterns.size >= COMPILED_PATTERNS_KEPT) compiledPatterns.clear();
    compiledPatterns.set(pattern, matcher);
  }
  return matcher;
}

/** Files stat-ed between two pauses of a walk, and at most in one chunk. */
export const STAT_CHUNK = 512;

/**
 * The matching files under `root`, in chunks, with stat only (no reads, no hashing). Directories
 * are read entry by entry (opendir), so a location of any size is walked in bounded memory.
 * Sub-directories are entered only when `recursive`; symbolic links to directories are never
 * followed (no loops). Reads are synchronous, a chunk at a time: per file, a thread-pool round trip
 * costs several times the stat itself; between chunks the event loop runs.
 */
export async function* walkLocation(root: string, options: { pattern: string; recursive: boolean }): AsyncGenerator<FoundFiles> {
  const matches = compileArtefactPattern(options.pattern);
  // A directory as shown (`rel`) and as the file system knows it (bytes, when its name is not UTF-8).
  const pending: { rel: string; at: string | Buffer }[] = [{ rel: "", at: root }];
  while (pending.length) {
    const { rel, at } = pending.pop()!;
    const dir = typeof at === "string" ? at : at.toString("latin1");
    let handle: Dir;
    try {
      handle = opendirSync(at, { bufferSize: 256 });
    } catch (err) {
      throw new LocationError(locationProblem(dir, err as NodeJS.ErrnoException));
    }
    let undecodable = false;
    try {
      for (;;) {
        const found = noFiles();
        let entry: Dirent | null = null;
        for (let n = 0; n < STAT_CHUNK; n++) {
          entry = handle.readSync();
          if (!entry) break;
          // A name that is not UTF-8 reads as U+FFFD and could not be opened: read by its bytes below.
          if (entry.name.includes("\ufffd")) {
            undecodable = true;
            continue;
          }
          const path = rel ? `${rel}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (options.recursive) pending.push({ rel: path, at: childOf(at, entry.name) });
            continue;
          }
          if (matches(path, entry.name)) addIfFile(found, path, childOf(at, entry.name));
        }
        if (found.paths.length) yield found;
        if (!entry) break;
        await new Promise((r) => setImmediate(r));
      }
      if (undecodable) {
        const found = bytesNamedEntries(at, rel, options.recursive, matches, pending);
        if (found.paths.length) yield found;
      }
    } catch (err) {
      throw new LocationError(locationProblem(dir, err as NodeJS.ErrnoException));
    } finally {
      handle.closeSync();
    }
  }
}

/** `dir`/`name` as bytes, for a name the file system holds in another encoding than UTF-8. */
const bytesPath = (dir: string | Buffer, name: string | Buffer) => Buffer.concat([Buffer.from(dir), Buffer.from("/"), Buffer.from(name)]);
const childOf = (dir: string | Buffer, name: string) => (typeof dir === "string" ? `${dir}/${name}` : bytesPath(dir, name));

/**
 * The entries of `at` whose names are not UTF-8 (an old share's ISO-8859-1 "sauvegarde-été.tar.gz"):
 * shown and matched as Latin-1, which keeps every byte, and opened by their bytes; with those, the
 * rare UTF-8 names holding U+FFFD itself. Rare enough to read the directory a second time for them.
 */
function bytesNamedEntries(
  at: string | Buffer,
  rel: string,
  recursive: boolean,
  matches: ArtefactMatcher,
  pending: { rel: string; at: string | Buffer }[],
): FoundFiles {
  const found = noFiles();
  for (const entry of readdirSync(at, { encoding: "buffer", withFileTypes: true })) {
    // The names the first reading skipped: not UTF-8, or UTF-8 holding U+FFFD itself.
    const utf8 = isUtf8(entry.name);
    if (utf8 && !entry.name.toString("utf8").includes("\ufffd")) continue;
    const name = entry.name.toString(utf8 ? "utf8" : "latin1");
    const path = rel ? `${rel}/${name}` : name;
    const bytes = bytesPath(at, entry.name);
    if (entry.isDirectory()) {
      if (recursive) pending.push({ rel: path, at: bytes });
      continue;
    }
    if (matches(path, name)) addIfFile(found, path, bytes);
  }
  return found;
}
