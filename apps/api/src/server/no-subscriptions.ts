// The schema has no Subscription type; graphql-js validates a `subscription` operation anyway and the
// executor then fails as if the server were at fault. Refuse it at validation: the caller's mistake.
import { GraphQLError, OperationTypeNode, type ValidationRule } from 'graphql';

export const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === OperationTypeNode.SUBSCRIPTION) {
      context.reportError(new GraphQLError('This API has no subscriptions: send a query or a mutation.', { nodes: [node] }));
    }
  },
});
