import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import sdk from "postman-collection";
import runtime from "postman-runtime";
import { describe, expect, it } from "vitest";

/** Runs a collection with the runtime alone and returns the event names its sandbox still listens to at the end. */
async function sandboxListenersAfter(collection: unknown): Promise<string[]> {
  const server = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    return await new Promise<string[]>((resolve, reject) =>
      new runtime.Runner().run(
        new sdk.Collection(collection),
        { environment: new sdk.VariableScope({ values: [{ key: "base", value: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }] }) },
        (err, run) => {
          if (err) return reject(err);
          let host: { eventNames(): (string | symbol)[]; dispose(): void } | undefined;
          run.start({
            start: () => {
              host = run.host as typeof host;
              const dispose = host!.dispose.bind(host);
              host!.dispose = () => undefined;
              (host as { disposeLater?: () => void }).disposeLater = dispose;
            },
            done: (error: Error | null) => {
              if (error) return reject(error);
              const names = host!.eventNames().map(String);
              (host as unknown as { disposeLater: () => void }).disposeLater();
              resolve(names);
            },
          });
        },
      ),
    );
  } finally {
    server.close();
  }
}

describe("postman-runtime as installed (scripts/postinstall/patch-postman-runtime.mjs)", () => {
  it("hands instructions over with setImmediate, not a 1 ms timer", () => {
    const root = dirname(createRequire(import.meta.url).resolve("postman-runtime/package.json"));
    const source = readFileSync(join(root, "lib", "runner", "instruction.js"), "utf8");
    expect(source).toContain("setImmediate(callback.bind(...args)); // patched by Vigie");
    expect(source).not.toContain("setTimeout(callback.bind(...args), 0);");
  });

  it("leaves no listener of a finished script on the sandbox: memory does not grow with the requests run", async () => {
    const script = { listen: "test", script: { exec: ["pm.test('ok', () => pm.response.to.have.status(200));"] } };
    const names = await sandboxListenersAfter({
      info: { name: "listeners" },
      item: Array.from({ length: 5 }, (_, i) => ({ name: `r${i}`, event: [script], request: { method: "GET", url: "{{base}}/" } })),
    });
    const sandboxWide = new Set(["execution.console", "execution.error", "execution.assertion"]);
    expect(names.filter((n) => n.startsWith("execution.") && !sandboxWide.has(n))).toEqual([]);
  });
});
