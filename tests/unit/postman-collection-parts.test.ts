import { describe, expect, it } from "vitest";
import type { PostmanCollection } from "../../src/campaigns/postman/collection";
import { collectionParts, runsInParts } from "../../src/campaigns/postman/collection-parts";

const request = (name: string) => ({ name, request: { method: "GET", url: `http://x/${name}` } });
const names = (items: unknown[]): unknown[] => (items as { name: string; item?: unknown[] }[]).map((i) => (i.item ? { [i.name]: names(i.item) } : i.name));

const collection = {
  info: { name: "parts" },
  auth: { type: "bearer" },
  variable: [{ key: "v", value: "1" }],
  event: [{ listen: "prerequest", script: { exec: ["pm.variables.set('a', 1)"] } }],
  item: [
    {
      name: "A",
      auth: { type: "basic" },
      event: [{ listen: "test", script: { exec: ["// folder A"] } }],
      item: [request("r1"), { name: "B", item: [request("r2"), request("r3")] }],
    },
    { name: "empty", item: [] },
    request("r4"),
    { name: "C", item: [request("r5")] },
  ],
} as unknown as PostmanCollection;

describe("a long collection cut into parts", () => {
  it("gives parts of at most N requests in run order, each under its folders, with the collection's and folders' own fields", () => {
    const parts = [...collectionParts(collection, 2)];
    expect(parts.map((p) => names(p.item))).toEqual([[{ A: ["r1", { B: ["r2"] }] }], [{ A: [{ B: ["r3"] }] }, "r4"], [{ C: ["r5"] }]]);
    for (const part of parts) {
      expect(part.info).toBe(collection.info);
      expect(part.auth).toBe(collection.auth);
      expect(part.variable).toBe(collection.variable);
      expect(part.event).toBe(collection.event);
    }
    const folderA = parts[1]!.item[0] as { auth: unknown; event: unknown };
    expect(folderA.auth).toBe((collection.item[0] as { auth: unknown }).auth);
    expect(folderA.event).toBe((collection.item[0] as { event: unknown }).event);
  });

  it("keeps a collection no longer than a part as it is", () => {
    expect([...collectionParts(collection, 5)]).toEqual([collection]);
    expect([...collectionParts(collection, 1)].map((p) => names(p.item))).toEqual([
      [{ A: ["r1"] }],
      [{ A: [{ B: ["r2"] }] }],
      [{ A: [{ B: ["r3"] }] }],
      ["r4"],
      [{ C: ["r5"] }],
    ]);
  });

  it("runs whole what parts would change: several iterations or data rows, --folder, a time limit for the run, setNextRequest", () => {
    expect(runsInParts(collection, {})).toBe(true);
    expect(runsInParts(collection, { iterationCount: 1, iterationData: [{ a: 1 }] })).toBe(true);
    expect(runsInParts(collection, { iterationCount: 2 })).toBe(false);
    expect(runsInParts(collection, { iterationData: [{ a: 1 }, { a: 2 }] })).toBe(false);
    expect(runsInParts(collection, { folders: ["A"] })).toBe(false);
    expect(runsInParts(collection, { timeoutMs: 1000 })).toBe(false);
    const jumping = {
      ...collection,
      item: [...collection.item, { name: "j", event: [{ listen: "test", script: { exec: ["postman.setNextRequest('r1')"] } }], request: "http://x" }],
    };
    expect(runsInParts(jumping as PostmanCollection, {})).toBe(false);
  });
});
