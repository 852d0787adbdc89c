import { spawn } from "node:child_process";

export type PtyPair = { meterSide: string; hostSide: string; close(): Promise<void> };

/**
 * Two connected pseudo-terminals from socat: a simulator opens one, Vigie the other, and bytes go
 * through the real serialport stack and the kernel's tty layer, as with a USB optical head.
 */
export function openPtyPair(): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const socat = spawn("socat", ["-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"], { stdio: ["ignore", "ignore", "pipe"] });
    const paths: string[] = [];
    let stderr = "";
    socat.once("error", (err) => reject(new Error(`socat is needed for a pseudo-terminal (apt-get install socat): ${err.message}`)));
    socat.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const m of chunk.toString().matchAll(/PTY is (\/dev\/\S+)/g)) paths.push(m[1]!);
      if (paths.length === 2 && /starting data transfer loop/.test(stderr)) {
        resolve({
          meterSide: paths[0]!,
          hostSide: paths[1]!,
          close: () =>
            new Promise((done) => {
              if (socat.exitCode !== null) return done();
              socat.once("exit", () => done());
              socat.kill("SIGTERM");
            }),
        });
      }
    });
    socat.once("exit", (code) => {
      if (paths.length < 2) reject(new Error(`socat exited (${code}): ${stderr.trim()}`));
    });
  });
}
