import type { Task } from "graphile-worker";
import type { TaskName } from "../../src/platform/jobs/task-payloads";
import { alert_dispatch } from "./alert_dispatch";
import { backup_deadlines } from "./backup_deadlines";
import { backup_location_check } from "./backup_location_check";
import { backup_scan } from "./backup_scan";
import { campaign_run } from "./campaign_run";
import { meter_hourly_checks } from "./meter_hourly_checks";
import { meter_poll } from "./meter_poll";
import { meter_test_read } from "./meter_test_read";
import { meter_watchdog } from "./meter_watchdog";
import { meters_sync } from "./meters_sync";
import { notification_send } from "./notification_send";
import { prune_readings } from "./prune_readings";
import { prune_live_events } from "./prune_live_events";
import { serial_ports_list } from "./serial_ports_list";

/** Every task the worker runs, by the identifier jobs are queued under: one for each entry of the task registry. */
export const taskList = {
  alert_dispatch,
  backup_deadlines,
  backup_location_check,
  backup_scan,
  campaign_run,
  meter_hourly_checks,
  meter_poll,
  meter_test_read,
  meter_watchdog,
  meters_sync,
  notification_send,
  prune_live_events,
  prune_readings,
  serial_ports_list,
} satisfies { [N in TaskName]: Task<N> };
