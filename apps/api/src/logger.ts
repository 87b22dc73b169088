// Structured JSON logs (pino). Secrets never reach a log line: auth headers and cookies are redacted.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'api'): Logger {
  return pino({
    name,
    level,
    base: { service: `probity-${name}` },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
  });
}
