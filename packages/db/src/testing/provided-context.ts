// What the integration-test global setup provides to tests through vitest's inject().
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseServerUrl: string;
  }
}

export {};
