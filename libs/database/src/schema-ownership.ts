/**
 * The database objects one library owns, declared once in `libs/<lib>/src/<lib>.schema.ts`
 * (docs/adr/0005). The owner is the only library whose SQL names them; another library names only
 * the views the owner publishes to it. `architecture.e2e-spec.ts` checks the migrated database and
 * every library's SQL against these declarations.
 */
export interface SchemaOwnership {
  lib: string;
  tables: readonly string[];
  /** Views only the owner reads. */
  views: readonly string[];
  /** Published views and the libraries that read them (also stated in each view's COMMENT). */
  publishes: Readonly<Record<string, readonly string[]>>;
  functions: readonly string[];
  triggers: readonly string[];
  /** Standalone composite types. */
  types: readonly string[];
}
