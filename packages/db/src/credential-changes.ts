// Tells a process when a credential may have lost its power: a trigger (migration
// credential_change_notify) calls pg_notify('probity_credentials', …) on every change that can end
// access, and change-listener.ts keeps one connection LISTENing. A process that also caches other rows
// (the API's portfolios) listens on every channel through one listenForChanges() instead.
import { CREDENTIAL_CHANNEL, listenForChanges, type ChangeListener } from './change-listener.ts';

export { CREDENTIAL_CHANNEL };
export type CredentialChangeListener = ChangeListener;

export interface CredentialChangeOptions {
  /** A credential changed, or the listener lost or regained its connection: drop cached credentials. */
  onChange: () => void;
  onError?: (error: Error) => void;
  heartbeatMs?: number;
  retryMs?: number;
}

export function listenForCredentialChanges(connectionString: string, options: CredentialChangeOptions): CredentialChangeListener {
  return listenForChanges(connectionString, {
    channels: [CREDENTIAL_CHANNEL],
    onNotification: () => options.onChange(),
    onReset: options.onChange,
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
  });
}
