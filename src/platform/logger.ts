import { env } from "./env";
export type LogContext = Record<string, unknown>;
export type Logger = {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
};

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

/** One line per entry: time, level, scope, message, then the context as JSON. */
export function createLogger(scope: string): Logger {
  // Read at the first line, not at creation: loggers are made when modules load, before `npm start` reads .env.
  let threshold: number | undefined;
  const write = (level: Level) => (message: string, context?: LogContext) => {
    threshold ??= levels[env().LOG_LEVEL];
    if (levels[level] < threshold) return;
    const extra = context ? ` ${JSON.stringify(context, errorReplacer)}` : "";
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${message}${extra}`;
    (level === "error" || level === "warn" ? console.error : console.log)(line);
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

function errorReplacer(_key: string, value: unknown) {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === "bigint") return value.toString();
  return value;
}
