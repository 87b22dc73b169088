// The reference the issue names: a bare Apollo Server 5 (its standalone HTTP server, no auth, no
// database, no limits) answering the same query shape from a static resolver that returns the real
// API's answer. The gap between it and Probity is what auth, tenancy and PostgreSQL cost.
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const answer = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { data: { portfolio: unknown } };

const typeDefs = `#graphql
  type Share { key: String! ead: String! }
  type Summary {
    exposureCount: Int!
    totalEad: String!
    totalLimit: String!
    utilisation: String
    eadBySegment: [Share!]!
    eadBySector: [Share!]!
  }
  type Portfolio { summary: Summary! }
  type Query { portfolio(id: ID!): Portfolio }
`;

const server = new ApolloServer({ typeDefs, resolvers: { Query: { portfolio: () => answer.data.portfolio } } });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.argv[3]), host: '127.0.0.1' } });
process.stdout.write(`ready ${url}\n`);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
