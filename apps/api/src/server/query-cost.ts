// The cost of an operation in work units, counting what makes PostgreSQL work rather than only fields:
// a connection's totalCount counts every matching row, a free-text search scans names, each filter
// adds a condition, a summary aggregates the portfolio, and a page's size multiplies what is under it.
// Operations over MAX_OPERATION_COST are refused before anything runs; the per-credential limits
// (credential-limits.ts) spend the same units.
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const COST = {
  field: 1,
  totalCount: 50,
  // A free-text search scans every name of the portfolio: one per operation (two cost more than the maximum).
  search: 500,
  filter: 10,
  summary: 50,
} as const;

/** The heaviest operation the API runs: one searched, counted exposure page, or many plain lookups. */
export const MAX_OPERATION_COST = 1_000;

type Variables = Record<string, unknown> | undefined;

function argumentValue(node: ValueNode, variables: Variables): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, argumentValue(f.value, variables)]));
    case Kind.LIST:
      return node.values.map((v) => argumentValue(v, variables));
    default:
      return 'value' in node ? node.value : null;
  }
}

export function operationCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const seen = new Set<string>();
  // `pageMultiplier` applies to a connection's nodes and edges (one per row), not to its totalCount or pageInfo.
  const costOf = (selectionSet: SelectionSetNode | undefined, pageMultiplier = 1): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value); // a fragment is counted once per operation (cycles are invalid anyway)
          total += costOf(fragment.selectionSet, pageMultiplier);
        }
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, pageMultiplier);
        continue;
      }
      const name = selection.name.value;
      const args = Object.fromEntries((selection.arguments ?? []).map((a) => [a.name.value, argumentValue(a.value, variables)]));
      let own: number = name === 'totalCount' ? COST.totalCount : name === 'summary' ? COST.summary : COST.field;
      const filter = args.filter;
      if (filter && typeof filter === 'object') {
        for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
          if (value === null || value === undefined || value === '') continue;
          own += key === 'search' ? COST.search : COST.filter;
        }
      }
      // Out-of-range sizes are refused by the field itself (with the argument named): count them at the most it takes.
      const pageSize = Math.min(Number(args.first ?? args.last ?? 0), 1100);
      const multiplier = Number.isFinite(pageSize) && pageSize > 50 ? Math.ceil(pageSize / 50) : 1;
      const rows = name === 'nodes' || name === 'edges' ? pageMultiplier : 1;
      total += rows * (own + costOf(selection.selectionSet, multiplier));
    }
    return total;
  };
  return costOf(operation.selectionSet);
}
