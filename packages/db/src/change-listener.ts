// Tells a process when rows it may have cached changed: triggers call pg_notify(<channel>, <payload>)
// (migrations credential_change_notify and portfolio_change_notify), and this keeps one dedicated
// connection LISTENing on every channel a process cares about. `live` is true only while that
// connection is known to work (it is pinged every heartbeat); a cache must not be trusted while it is
// false, because notifications sent meanwhile are lost. Whenever the connection is lost or
// (re)established, `onReset` says that anything cached may be stale.
import pg from 'pg';

/** A credential may have lost its power (payload: the table). */
export const CREDENTIAL_CHANNEL = 'probity_credentials';
/** A portfolio row changed or went away, its data_version included (payload: its id, or '*' for all). */
export const PORTFOLIO_CHANNEL = 'probity_portfolios';

export interface ChangeListener {
  /** True while the LISTEN connection is up and answered its last heartbeat. */
  readonly live: boolean;
  close(): Promise<void>;
}

export interface ChangeListenerOptions {
  channels: readonly string[];
  /** One notification, on one of `channels`. */
  onNotification: (channel: string, payload: string) => void;
  /** The listener lost or regained its connection: notifications may have been missed, drop everything. */
  onReset: () => void;
  onError?: (error: Error) => void;
  heartbeatMs?: number;
  retryMs?: number;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

export function listenForChanges(connectionString: string, options: ChangeListenerOptions): ChangeListener {
  for (const channel of options.channels) if (!CHANNEL_NAME.test(channel)) throw new Error(`listenForChanges: bad channel name ${channel}`);
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const retryMs = options.retryMs ?? 500;
  const channels = new Set(options.channels);
  let client: pg.Client | null = null;
  let live = false;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const lose = (error?: Error) => {
    if (error) options.onError?.(error);
    const wasLive = live;
    live = false;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    const old = client;
    client = null;
    if (old) void old.end().catch(() => undefined);
    if (wasLive) options.onReset();
    if (!closed && !retry) retry = setTimeout(() => void connect(), retryMs);
  };

  async function connect(): Promise<void> {
    retry = null;
    if (closed) return;
    const next = new pg.Client({ connectionString, application_name: 'probity-change-listener', keepAlive: true });
    next.on('error', (error) => {
      if (client === next) lose(error);
    });
    next.on('end', () => {
      if (client === next) lose();
    });
    next.on('notification', (message) => {
      if (channels.has(message.channel)) options.onNotification(message.channel, message.payload ?? '');
    });
    client = next;
    try {
      await next.connect();
      await next.query([...channels].map((channel) => `LISTEN ${channel}`).join('; '));
    } catch (error) {
      if (client === next) lose(error as Error);
      return;
    }
    if (closed || client !== next) return;
    // Anything cached before is suspect: changes while we were not listening went unheard.
    options.onReset();
    live = true;
    heartbeat = setInterval(() => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('change listener heartbeat timed out')), heartbeatMs).unref(),
      );
      Promise.race([next.query('SELECT 1'), timeout]).catch((error: Error) => {
        if (client === next) lose(error);
      });
    }, heartbeatMs);
    heartbeat.unref();
  }

  void connect();
  return {
    get live() {
      return live;
    },
    close: async () => {
      closed = true;
      live = false;
      if (retry) clearTimeout(retry);
      if (heartbeat) clearInterval(heartbeat);
      const old = client;
      client = null;
      if (old) await old.end().catch(() => undefined);
    },
  };
}
