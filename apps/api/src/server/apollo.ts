// Apollo Server with the hardening the API needs: query depth/alias/token/cost limits
// (graphql-armor), CSRF prevention, no batched HTTP arrays, masked errors, and introspection plus
// field suggestions off in production.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApiContext } from '../context/context.ts';
import type { Logger } from '@probity/logging';
import type { ApiMetrics } from '@probity/metrics';
import { buildSchema } from '../modules/index.ts';
import { formatError } from './format-error.ts';
import { currentRequestId } from './request-context.ts';
import { noSubscriptions } from './no-subscriptions.ts';
import { COST, MAX_OPERATION_COST, operationCost } from './query-cost.ts';
import { createCredentialLimits, type CredentialLimitsOptions } from './credential-limits.ts';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { createLoaders } from '../context/loaders.ts';

export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 5_000,
  maxDirectives: 20,
} as const;

export interface ApolloOptions {
  production: boolean;
  log: Logger;
  metrics: ApiMetrics;
  limits: CredentialLimitsOptions;
  /** Called before a mutation's answer is sent: this process forgets what it cached (credentials, portfolios). */
  afterMutation?: () => void;
}

export function createApollo(options: ApolloOptions): ApolloServer<ApiContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    // Token counting is done by graphql-js's own parser (parseOptions below): armor's plugin version
    // throws from a hook Apollo treats as a server fault (500) and hides syntax errors' proper code.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: options.production },
  });
  const protection = armor.protect();

  const logRequests: ApolloServerPlugin<ApiContext> = {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors, response }) {
          const durationMs = performance.now() - started;
          options.metrics.observeOperation({ name: operationName, type: operation?.operation, seconds: durationMs / 1000 });
          // The public codes, as formatError left them (what the client was told).
          const sent = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of sent ?? []) {
            const code = error.extensions?.code;
            options.metrics.countError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
          contextValue.log.info(
            { operationName, durationMs: Math.round(durationMs * 10) / 10, errorCount: errors?.length ?? 0 },
            'graphql request',
          );
        },
      };
    },
  };

  // Work units of each operation (query-cost.ts): over the maximum refused, then spent from the
  // caller's per-credential budget (credential-limits.ts: 429 with Retry-After past it).
  const limits = createCredentialLimits(options.limits);
  const costAndLimits: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      let release = () => {};
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const cost = operationCost(document, operation, request.variables);
          if (cost > MAX_OPERATION_COST) {
            throw new GraphQLError(
              `Query too expensive: ${cost} work units, at most ${MAX_OPERATION_COST} (a search costs ${COST.search}, a totalCount ${COST.totalCount}; split the query or drop what you do not need).`,
              { extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, maxCost: MAX_OPERATION_COST, http: { status: 400 } } },
            );
          }
          const actor = contextValue.caller.actor;
          const credential =
            actor.kind === 'apiKey' ? `key:${actor.apiKeyId}` : actor.kind === 'user' ? `user:${actor.userId}` : `system:${actor.name}`;
          release = await limits.admit(credential, cost);
        },
        async willSendResponse() {
          release();
        },
      };
    },
  };

  // Query-limit rejections from graphql-armor surface before validation proper and would otherwise
  // leave a 500; a request that failed to parse or validate is the client's fault, so answer 400.
  const clientErrorStatus: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          // The database is down: 503 with Retry-After, so clients and load balancers back off and retry.
          if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '1');
            return;
          }
          const clientCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);
          if (!data && errors?.length && errors.every((e) => clientCodes.has(String(e.extensions?.code)))) response.http.status = 400;
        },
      };
    },
  };

  // Other processes hear of a write through the database's notifications; the process that ran it
  // forgets its caches before answering, so the client's next request sees its own write (a revoked
  // key is refused, an edited exposure counted) even if the notification is still on its way. A
  // mutation itself reads portfolios from the database (what it returns may depend on what it wrote).
  const readOwnWrites: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === OperationTypeNode.MUTATION)
            contextValue.loaders = createLoaders(contextValue.db, contextValue.scope);
        },
        async willSendResponse({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION) options.afterMutation?.();
        },
      };
    },
  };

  return new ApolloServer<ApiContext>({
    schema: buildSchema(),
    introspection: !options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGTERM/SIGINT and stops Apollo within startApi's close(); Apollo's own handler
    // would race it (its stop() leaves ours waiting, and the process only exits once the loop drains).
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    validationRules: [...protection.validationRules, noSubscriptions],
    plugins: [
      ...protection.plugins,
      costAndLimits,
      logRequests,
      clientErrorStatus,
      readOwnWrites,
      // No schema uses @cacheControl and every answer is no-store (http.ts): without this, Apollo's
      // default cache-control plugin wraps every field resolver of every request.
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError: (formatted, error) => {
      const requestId = currentRequestId();
      return formatError(formatted, error, requestId, (unwrapped) => options.log.error({ err: unwrapped, requestId }, 'unexpected error'), {
        production: options.production,
      });
    },
  });
}
