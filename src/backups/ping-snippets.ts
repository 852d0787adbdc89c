/** Ready-to-paste ways to ping a backup job, for the tools operators use; `url` is the job's ping URL. */
export function pingSnippets(url: string) {
  const curl = "curl -fsS -m 10 --retry 5 -o /dev/null";
  return {
    curl: `${curl} ${url}/start\n# … the backup …\n${curl} ${url}/$?`,
    cron: `30 2 * * * ${curl} ${url}/start && /usr/local/bin/backup.sh; ${curl} ${url}/$?`,
    systemd: `[Service]\nExecStartPre=-${curl} ${url}/start\nExecStart=/usr/local/bin/backup.sh\nExecStartPost=-${curl} ${url}\nExecStopPost=/bin/sh -c 'test "$SERVICE_RESULT" = success || ${curl} ${url}/fail'`,
    borgmatic: `before_backup:\n  - ${curl} ${url}/start\nafter_backup:\n  - ${curl} ${url}\non_error:\n  - ${curl} ${url}/fail`,
    restic: `rid=$(date +%s)\n${curl} "${url}/start?rid=$rid"\nrestic backup /srv/data > /tmp/restic.log 2>&1\n${curl} --data-binary @/tmp/restic.log "${url}/$??rid=$rid"`,
  };
}
export type PingSnippetKind = keyof ReturnType<typeof pingSnippets>;
