// Turns a data-layer Connection into the GraphQL connection shape (edges + nodes + pageInfo).
import type { Connection } from '@probity/db';

export const connectionResolvers = {
  edges: <T>(connection: Connection<T>) => connection.nodes.map((node, i) => ({ cursor: connection.cursors[i]!, node })),
  nodes: <T>(connection: Connection<T>) => connection.nodes,
};
