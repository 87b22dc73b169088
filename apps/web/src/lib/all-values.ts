// Option lists for the schema's enums in the order the dashboard shows them. The generated types say
// which values exist; listing one that does not, or leaving one out, is a type error at the list.

type Missing<T, L extends readonly unknown[]> = Exclude<T, L[number]>;

/**
 * allValues<Segment>()(['RETAIL', 'SME', 'CORPORATE']) returns the list unchanged (typed as Segment[])
 * and fails to compile when the schema gains, loses or renames a value.
 */
export function allValues<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Missing<T, L>] extends [never] ? unknown : { missing: Missing<T, L> })): readonly T[] =>
    list;
}
