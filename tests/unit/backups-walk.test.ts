import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { walkLocation } from "../../src/backups/walk";

let root: string | null = null;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = null;
});

const walk = async (location: string, recursive: boolean) => {
  const found: [string, number][] = [];
  for await (const { paths, sizes } of walkLocation(location, { pattern: "*.tar.gz", recursive }))
    found.push(...paths.map((path, i) => [path, sizes[i]!] as [string, number]));
  return found.sort();
};

/** A path under `root` whose last part is given as bytes (a name the file system holds in Latin-1). */
const bytesUnder = (dir: string, name: number[]) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(name)]);
const latin1 = (text: string) => [...Buffer.from(text, "latin1")];

describe("walking a backup location", () => {
  it("finds artefacts whose names are not UTF-8 (an ISO-8859-1 share), in sub-directories named so too, and names holding U+FFFD", async () => {
    root = mkdtempSync(join(tmpdir(), "vigie-walk-"));
    writeFileSync(join(root, "plain.tar.gz"), "1");
    writeFileSync(bytesUnder(root, latin1("sauvegarde-été.tar.gz")), "22");
    writeFileSync(bytesUnder(root, latin1("notes-été.txt")), "x");
    writeFileSync(join(root, "damaged-\ufffd.tar.gz"), "55555");
    const sub = bytesUnder(root, latin1("répertoire"));
    mkdirSync(sub);
    writeFileSync(Buffer.concat([sub, Buffer.from("/nuit.tar.gz")]), "333");
    writeFileSync(Buffer.concat([sub, Buffer.from("/"), Buffer.from(latin1("à.tar.gz"))]), "4444");

    expect(await walk(root, false)).toEqual([
      ["damaged-\ufffd.tar.gz", 5],
      ["plain.tar.gz", 1],
      ["sauvegarde-été.tar.gz", 2],
    ]);
    expect(await walk(root, true)).toEqual([
      ["damaged-\ufffd.tar.gz", 5],
      ["plain.tar.gz", 1],
      ["répertoire/nuit.tar.gz", 3],
      ["répertoire/à.tar.gz", 4],
      ["sauvegarde-été.tar.gz", 2],
    ]);
  });
});
