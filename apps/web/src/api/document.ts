// A GraphQL operation with the TypeScript types of its result and variables, as graphql-codegen
// generates them from the API's SDL (src/api/generated). The text is what goes over the wire.
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

export type Document<TData, TVariables> = DocumentTypeDecoration<TData, TVariables> & { toString(): string };
