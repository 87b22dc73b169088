// Types for the dashboard's GraphQL operations, generated from the API's published schema
// (apps/api/schema.graphql, written by `npm run schema` from the modules' SDL) and the operations
// written with graphql() in src/api/documents. `npm run typecheck` regenerates both first, so a field
// renamed or removed in the SDL fails it: in codegen when an operation still asks for the old name,
// in tsc where a changed type no longer fits the code. Output committed in src/api/generated.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/api/documents/*.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/api/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Operations are sent as strings by our own fetch client (src/api/client.ts): no GraphQL runtime.
        documentMode: 'string',
        useTypeImports: true,
        strictScalars: true,
        // Exact decimals and instants arrive as strings (the API's scalars serialise so).
        scalars: {
          Decimal: 'string',
          DateTime: 'string',
          Date: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};

export default config;
