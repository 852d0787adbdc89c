import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { convertPostmanCollection } from "../../src/campaigns/postman";

const collection = JSON.parse(readFileSync("tests/fixtures/postman/shop.postman_collection.json", "utf8"));

describe("Postman collection import", () => {
  const { campaign, notConverted } = convertPostmanCollection(collection);

  it("turns folders into tests and requests into http actions, keeping {{variables}}", () => {
    expect(campaign.name).toBe("Shop API");
    expect(campaign.tests.map((t) => [t.name, t.actions.map((a) => a.name)])).toEqual([
      ["Orders", ["Create order", "Get order"]],
      ["Orders / Nested", ["Upload"]],
      ["Health", ["Health"]],
    ]);
    const create = campaign.tests[0]!.actions[0]!.params as Record<string, unknown>;
    expect(create).toMatchObject({
      method: "POST",
      url: "{{baseUrl}}/orders",
      headers: { "Content-Type": "application/json", Authorization: "Bearer {{token}}" },
      body: { type: "json", value: { item: "{{sku}}" } },
    });
  });

  it("converts simple status-code tests into status assertions", () => {
    expect((campaign.tests[0]!.actions[0]!.params as { assertions: unknown[] }).assertions).toEqual([{ kind: "status", expected: 201 }]);
    expect((campaign.tests[0]!.actions[1]!.params as { assertions: unknown[] }).assertions).toEqual([{ kind: "status", expected: 200 }]);
  });

  it("lists everything it could not convert", () => {
    expect(notConverted).toEqual([
      { item: "Orders / Create order", what: 'test script line: pm.environment.set("orderId", pm.response.json().id);' },
      { item: "Orders / Nested / Upload", what: 'body mode "formdata"' },
      { item: "Health", what: 'auth "basic"' },
      { item: "Health", what: "prerequest script" },
    ]);
  });
});
