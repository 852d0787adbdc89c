import { createReadStream, readFile, stat } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { Readable } from "node:stream";

type Callback<T> = (err: Error | null, value?: T) => void;

/** A stream that fails at once: the runtime reads the error from the stream, as it does for a missing file. */
const failedStream = (err: Error) =>
  new Readable({
    read() {
      this.destroy(err);
    },
  });

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
        return failedStream(err as Error);
      }
    },
  };
}

/** Where the runtime is told to read a run's TLS material: served from memory, never from disk. */
export const TLS_FILES = { ca: "vigie-tls:ca.pem", cert: "vigie-tls:client-cert.pem", key: "vigie-tls:client-key.pem" } as const;

type FileResolver = ReturnType<typeof workingDirFileResolver>;

/**
 * A resolver that hands postman-runtime the environment's CA, client certificate and key by the
 * names in TLS_FILES (the runtime reads them as files), and everything else through `files` if any.
 */
export function withTlsFiles(files: FileResolver | undefined, material: Partial<Record<keyof typeof TLS_FILES, string>>): FileResolver {
  const byName = new Map<string, string>();
  for (const key of Object.keys(TLS_FILES) as (keyof typeof TLS_FILES)[]) if (material[key]) byName.set(TLS_FILES[key], material[key]);
  const refused = (path: string) => new Error(`${path}: no working directory for this run`);
  return {
    stat: (path, done) => (byName.has(path) ? done(null, { isFile: () => true } as never) : files ? files.stat(path, done) : done(refused(path))),
    readFile: (path, done) => (byName.has(path) ? done(null, Buffer.from(byName.get(path)!)) : files ? files.readFile(path, done) : done(refused(path))),
    createReadStream: (path) =>
      byName.has(path) ? Readable.from([Buffer.from(byName.get(path)!)]) : files ? files.createReadStream(path) : failedStream(refused(path)),
  };
}
