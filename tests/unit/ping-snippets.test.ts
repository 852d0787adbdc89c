import { describe, expect, it } from "vitest";
import { pingSnippets } from "../../src/backups/ping-snippets";

describe("ping snippets", () => {
  const url = "https://vigie.example/api/v1/ping/0f8e";
  const s = pingSnippets(url);

  it("report start, then the exit code, from a shell or cron", () => {
    expect(s.curl).toContain(`${url}/start`);
    expect(s.curl).toContain(`${url}/$?`);
    expect(s.cron).toMatch(/^30 2 \* \* \* curl .*\/start && \/usr\/local\/bin\/backup\.sh; curl .*\/\$\?$/);
  });

  it("hook into systemd, borgmatic and restic the way each one reports success and failure", () => {
    expect(s.systemd).toContain(`ExecStartPost=-curl -fsS -m 10 --retry 5 -o /dev/null ${url}\n`);
    expect(s.systemd).toContain("$SERVICE_RESULT");
    expect(s.borgmatic.split("\n")).toEqual([
      "before_backup:",
      `  - curl -fsS -m 10 --retry 5 -o /dev/null ${url}/start`,
      "after_backup:",
      `  - curl -fsS -m 10 --retry 5 -o /dev/null ${url}`,
      "on_error:",
      `  - curl -fsS -m 10 --retry 5 -o /dev/null ${url}/fail`,
    ]);
    expect(s.restic).toContain(`"${url}/start?rid=$rid"`);
    expect(s.restic).toContain("--data-binary @/tmp/restic.log");
  });
});
