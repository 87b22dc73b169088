// A GraphQL document paired with the TypeScript types of its result and variables. The types are
// written by hand next to each query; documents.test.ts validates every query against the API's
// schema so a renamed field fails the tests rather than a page.

export interface Document<TData, TVariables> {
  readonly source: string;
  /** Phantom fields: never set, only carry the types. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

export type DataOf<D> = D extends Document<infer T, unknown> ? T : never;

export function graphql<TData, TVariables = Record<string, never>>(source: string): Document<TData, TVariables> {
  return { source: source.trim() };
}
