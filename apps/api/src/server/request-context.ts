// The request id for code that runs inside a request but has no context argument (error formatting).
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return store.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}
