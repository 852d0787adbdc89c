import { describe, expect, it } from "vitest";
import { checkLiveEvent, familyOf } from "../../src/platform/live/events";

describe("the live-event contract", () => {
  it("knows each topic's family, subject or not", () => {
    expect([familyOf("energy"), familyOf("meter:abc"), familyOf("report:r1"), familyOf("nonsense"), familyOf("nonsense:x")]).toEqual([
      "energy",
      "meter",
      "report",
      null,
      null,
    ]);
  });

  it("accepts an event of its topic with the payload it declares", () => {
    const payload = { meterId: "m1", at: "2026-12-02T10:00:00.000Z", powerW: 1520 };
    expect(checkLiveEvent("energy", "reading", payload)).toEqual({ type: "reading", payload });
    expect(checkLiveEvent("report:r1", "test_completed", { reportId: "r1", resultId: "x", position: 0, name: "t", status: "PASSED", logs: [] })).not.toBeNull();
  });

  it("refuses an unknown type, a type of another topic, and a malformed payload", () => {
    expect(checkLiveEvent("meter:m1", "reading", { meterId: "m1" })).toBeNull(); // nobody consumes it: gone from the contract
    expect(checkLiveEvent("alerts", "reading", { meterId: "m1", at: "x", powerW: 1 })).toBeNull();
    expect(checkLiveEvent("energy", "reading", { meterId: "m1", at: "x", powerW: "1520" })).toBeNull();
    expect(checkLiveEvent("report:r1", "test_completed", { reportId: "r1", resultId: "x", position: 0, name: "t", status: "GREEN", logs: [] })).toBeNull();
  });
});
