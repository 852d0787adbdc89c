import { createReadStream, readFile, stat } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { Readable } from "node:stream";

type Callback<T> = (err: Error | null, value?: T) => void;

/**
 * How postman-runtime reads the files a collection uploads (form fields, binary bodies): paths
 * relative to a working directory, as Newman's --working-dir, and nothing outside it (a shared
 * collection must not read the runner's other files).
 */
export function workingDirFileResolver(workingDir: string) {
  const inside = (path: string) => {
    const full = resolve(workingDir, path);
    const rel = relative(workingDir, full);
    if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`${path}: outside the working directory ${workingDir}`);
    return full;
  };
  const guarded =
    <T>(fn: (full: string, done: Callback<T>) => void) =>
    (path: string, done: Callback<T>) => {
      let full: string;
      try {
        full = inside(path);
      } catch (err) {
        return done(err as Error);
      }
      fn(full, done);
    };
  return {
    stat: guarded((full, done) => stat(full, done)),
    readFile: guarded<Buffer>((full, done) => readFile(full, done)),
    createReadStream(path: string) {
      try {
        return createReadStream(inside(path));
      } catch (err) {
        // The runtime reads the error from the stream, as it does for a missing file.
        return new Readable({
          read() {
            this.destroy(err as Error);
          },
        });
      }
    },
  };
}
