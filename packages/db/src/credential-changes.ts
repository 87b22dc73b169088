// Tells a process when a credential may have lost its power: a trigger (migration
// credential_change_notify) calls pg_notify('probity_credentials', …) on every change that can end
// access, and this keeps one dedicated connection LISTENing. `live` is true only while that connection
// is known to work (it is pinged every heartbeat); a cache must not be trusted while it is false,
// because notifications sent meanwhile are lost.
import pg from 'pg';

export const CREDENTIAL_CHANNEL = 'probity_credentials';

export interface CredentialChangeListener {
  /** True while the LISTEN connection is up and answered its last heartbeat. */
  readonly live: boolean;
  close(): Promise<void>;
}

export interface CredentialChangeOptions {
  /** A credential changed, or the listener lost or regained its connection: drop cached credentials. */
  onChange: () => void;
  onError?: (error: Error) => void;
  heartbeatMs?: number;
  retryMs?: number;
}

export function listenForCredentialChanges(connectionString: string, options: CredentialChangeOptions): CredentialChangeListener {
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const retryMs = options.retryMs ?? 500;
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
    if (wasLive) options.onChange();
    if (!closed && !retry) retry = setTimeout(() => void connect(), retryMs);
  };

  async function connect(): Promise<void> {
    retry = null;
    if (closed) return;
    const next = new pg.Client({ connectionString, application_name: 'probity-credential-listener', keepAlive: true });
    next.on('error', (error) => {
      if (client === next) lose(error);
    });
    next.on('end', () => {
      if (client === next) lose();
    });
    next.on('notification', (message) => {
      if (message.channel === CREDENTIAL_CHANNEL) options.onChange();
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${CREDENTIAL_CHANNEL}`);
    } catch (error) {
      if (client === next) lose(error as Error);
      return;
    }
    if (closed || client !== next) return;
    // Anything cached before is suspect: changes while we were not listening went unheard.
    options.onChange();
    live = true;
    heartbeat = setInterval(() => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('credential listener heartbeat timed out')), heartbeatMs).unref(),
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
