// One place that builds the Prisma client over node-postgres (driver adapter, no native engine).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma } from './generated/prisma/client.ts';

export type { PrismaClient };
export type TransactionClient = Prisma.TransactionClient;

export interface DatabaseOptions {
  connectionString: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Called with the SQL text of every statement sent to PostgreSQL (tests count statements with it). */
  onStatement?: (sql: string) => void;
}

export interface Database {
  prisma: PrismaClient;
  connectionString: string;
  close(): Promise<void>;
}

function statementObservingClient(onStatement: (sql: string) => void): typeof pg.Client {
  return class ObservedClient extends pg.Client {
    override query(...args: unknown[]): never {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
      if (text !== undefined) onStatement(text);
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}

export function createDatabase(options: DatabaseOptions): Database {
  const adapter = new PrismaPg({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    ...(options.onStatement ? { Client: statementObservingClient(options.onStatement) } : {}),
  });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    connectionString: options.connectionString,
    close: () => prisma.$disconnect(),
  };
}
