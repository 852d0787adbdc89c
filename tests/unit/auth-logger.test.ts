import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "../../src/server/auth/auth-logger";

afterEach(() => vi.restoreAllMocks());

describe("Auth.js in Vigie's log", () => {
  it("a wrong password is one warning line, without a stack", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    // What Auth.js passes for a refused sign-in (a CredentialsSignin error).
    authLogger.error!(Object.assign(new Error("Read more at https://errors.authjs.dev#credentialssignin"), { type: "CredentialsSignin" }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ WARN {2}\[auth\] sign-in refused: wrong e-mail or password/);
    expect(lines[0]).not.toMatch(/\n|stack|at /);
  });

  it("a real failure keeps its error", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    authLogger.error!(Object.assign(new Error("no secret"), { type: "MissingSecret" }));
    expect(lines[0]).toMatch(/ ERROR \[auth\] MissingSecret: no secret .*"stack"/);
  });
});
