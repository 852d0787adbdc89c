import { createReadStream } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";

/**
 * Total self size of every object in a V8 .heapsnapshot (the live heap after the full GC that
 * taking a snapshot performs), summed while streaming the `nodes` array: no JSON.parse of a
 * file that can weigh hundreds of megabytes.
 */
export async function liveHeapBytes(file: string): Promise<number> {
  let head = "";
  let fieldCount = 0;
  let sizeField = -1;
  let inNodes = false;
  let done = false;
  let number = "";
  let index = 0;
  let total = 0;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    let text = chunk as string;
    if (!inNodes) {
      head += text;
      const start = head.indexOf('"nodes":[');
      if (start < 0) continue;
      const fields = JSON.parse(/"node_fields":(\[[^\]]*\])/.exec(head)![1]!) as string[];
      fieldCount = fields.length;
      sizeField = fields.indexOf("self_size");
      text = head.slice(start + '"nodes":['.length);
      inNodes = true;
    }
    for (let i = 0; i < text.length && !done; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) number += text[i];
      else if (c === 44 || c === 93 || c === 10) {
        if (number) {
          if (index % fieldCount === sizeField) total += Number(number);
          index++;
          number = "";
        }
        if (c === 93) done = true;
      }
    }
    if (done) break;
  }
  return total;
}

/**
 * Makes a process started with --heapsnapshot-signal=SIGUSR2 write a snapshot and returns its live
 * heap. The snapshot is written on the main thread, so once the server answers `probeUrl` again
 * the file is complete.
 */
export async function snapshotLiveHeap(pid: number, dir: string, probeUrl: string): Promise<number> {
  const before = new Set(await readdir(dir));
  process.kill(pid, "SIGUSR2");
  let file: string | undefined;
  while (!file) {
    await new Promise((r) => setTimeout(r, 200));
    file = (await readdir(dir)).find((f) => f.endsWith(".heapsnapshot") && !before.has(f));
  }
  for (;;) {
    const answered = await fetch(probeUrl, { signal: AbortSignal.timeout(60_000) }).then(
      () => true,
      () => false,
    );
    if (answered) break;
  }
  const size = (await stat(`${dir}/${file}`)).size;
  const bytes = await liveHeapBytes(`${dir}/${file}`);
  await rm(`${dir}/${file}`);
  if (bytes === 0) throw new Error(`heap snapshot ${file} (${size} bytes) could not be read`);
  return bytes;
}
