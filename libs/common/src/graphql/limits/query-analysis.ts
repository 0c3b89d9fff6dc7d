import {
  ArgumentNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  SchemaMetaFieldDef,
  SelectionNode,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  ValueNode,
} from 'graphql';

/**
 * Measures a parsed GraphQL operation before it is validated or executed: nesting depth, fields,
 * aliases, directives and cost. Fragments are expanded (each spread counts), but every fragment is
 * measured once per page size, so a document of chained fragments cannot make the measuring itself
 * slow. `fields` is the number of field selections once every fragment is expanded: what graphql-js
 * validation and graphql-jit compilation walk, so `fragment F2 { ...F1 ...F1 }` doubles it per level.
 * Counts stop growing at `COUNT_CAP`, and a selection set stops being walked once its fields pass
 * `model.stopAboveFields`: past that the document is refused, so only "more than" matters.
 *
 * Cost is an upper bound on the number of objects the response can hold, the work that grows with
 * rows read: each object counts 1 (scalars and enums count 0; they are columns of rows already
 * read), and a list counts its items and what is selected inside each. A list's length is
 * the `first` argument of the connection field above it (a variable counts as the largest page,
 * because a checked document is cached and reused with other variables), else its declared bound
 * (`listBounds`), otherwise `defaultListSize`. A report's rows follow its arguments (`argumentBounds`:
 * `spend(groupBy: [REGION])` has at most 12 rows), counted like `first`. Value objects (`valueObjectTypes`:
 * Money) are columns of their parent's row and count 0. Fields unknown to the schema count as objects; validation rejects them anyway.
 */
export interface QueryMetrics {
  depth: number;
  fields: number;
  aliases: number;
  directives: number;
  cost: number;
}

/** The arguments of one field as written in the document, for a bound that depends on them. */
export interface FieldArguments {
  /**
   * The items of a list argument (`groupBy`) or of a list inside an input-object argument
   * (`filter.regionCodes`): enum values and literals as text, a single value as a list of one.
   * `undefined` when absent or null; `'variable'` when a variable stands for it or for an object
   * around it (a checked document is reused with other variables, so its value is unknown).
   */
  list(path: string): readonly string[] | undefined | 'variable';
}

/** Items of a list, from the arguments of the field that takes them. */
export type ArgumentBound = (args: FieldArguments) => number;

export interface CostModel {
  /** Items assumed for a list without a page size or a declared bound (see `listBounds`). */
  defaultListSize: number;
  /**
   * The most items each list field can hold, by `Type.field` (`Contract.schedule`: the periods of
   * the longest contract). Each bound is enforced where the data is written; see list-bounds.ts.
   */
  listBounds?: Readonly<Record<string, number>>;
  /**
   * Lists whose length follows arguments, by the `Type.field` taking them: the items of that
   * field's own list (`Query.budgets`) or, like `first` on a connection, of the list directly in the
   * object it returns (`Query.spend` for `SpendResult.rows`).
   */
  argumentBounds?: Readonly<Record<string, ArgumentBound>>;
  /** Object types that are values of the object holding them (Money): they count 0, like scalars. */
  valueObjectTypes?: readonly string[];
  /** Largest page a connection serves; also used when `first` is a variable. */
  maxPageSize: number;
  /** The field limit: walking stops once a selection set holds more fields than this (the other counts are then lower bounds). */
  stopAboveFields?: number;
}

const NONE: QueryMetrics = { depth: 0, fields: 0, aliases: 0, directives: 0, cost: 0 };

/** Counts saturate here, so a fragment chain cannot push them to Infinity (2^1024) or lose integer precision. */
export const COUNT_CAP = Number.MAX_SAFE_INTEGER;

const add = (a: number, b: number) => Math.min(a + b, COUNT_CAP);
const times = (a: number, b: number) => Math.min(a * b, COUNT_CAP);

/** Nesting beyond this is reported as this deep without walking further, so measuring cannot overflow the stack. */
export const MEASURED_DEPTH_CAP = 256;

export function analyseOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, model: CostModel): QueryMetrics {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const metrics = new Analyser(schema, fragments, model).selectionSet(operation.selectionSet, root ?? undefined, undefined);
  return { ...metrics, directives: metrics.directives + (operation.directives?.length ?? 0) };
}

class Analyser {
  private readonly memo = new Map<string, QueryMetrics>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly model: CostModel,
  ) {}

  selectionSet(set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined, pageSize: number | undefined, level = 0): QueryMetrics {
    if (!set) return NONE;
    if (level >= MEASURED_DEPTH_CAP) return { ...NONE, depth: MEASURED_DEPTH_CAP };
    const total = { ...NONE };
    const stopAbove = this.model.stopAboveFields ?? COUNT_CAP;
    for (const selection of set.selections) {
      const m = this.selection(selection, parent, pageSize, level);
      total.depth = Math.max(total.depth, m.depth);
      total.fields = add(total.fields, m.fields);
      total.aliases = add(total.aliases, m.aliases);
      total.directives = add(total.directives, m.directives);
      total.cost = add(total.cost, m.cost);
      if (total.fields > stopAbove) break;
    }
    return total;
  }

  private selection(node: SelectionNode, parent: GraphQLNamedType | undefined, pageSize: number | undefined, level: number): QueryMetrics {
    const own = node.directives?.length ?? 0;
    let inner: QueryMetrics;
    switch (node.kind) {
      case Kind.FIELD:
        inner = this.field(node, parent, pageSize, level);
        break;
      case Kind.INLINE_FRAGMENT:
        inner = this.selectionSet(node.selectionSet, this.typeNamed(node.typeCondition?.name.value) ?? parent, pageSize, level + 1);
        break;
      case Kind.FRAGMENT_SPREAD:
        inner = this.fragment(node.name.value, pageSize, level);
        break;
    }
    return { ...inner, directives: add(inner.directives, own) };
  }

  private fragment(name: string, pageSize: number | undefined, level: number): QueryMetrics {
    const key = `${name}\u0000${pageSize ?? ''}`;
    const known = this.memo.get(key);
    if (known) return known;
    const definition = this.fragments.get(name);
    // Unknown or cyclic spreads are reported by the standard validation rules; they add nothing here.
    if (!definition || this.inProgress.has(name)) return NONE;
    this.inProgress.add(name);
    // Memoised whatever the level: results differ only past the cap, where the document is refused anyway.
    const inner = this.selectionSet(definition.selectionSet, this.typeNamed(definition.typeCondition.name.value), pageSize, level + 1);
    this.inProgress.delete(name);
    const metrics = { ...inner, directives: add(inner.directives, definition.directives?.length ?? 0) };
    this.memo.set(key, metrics);
    return metrics;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, pageSize: number | undefined, level: number): QueryMetrics {
    const definition = this.fieldDefinition(parent, node.name.value);
    const type = definition ? getNullableType(definition.type) : undefined;
    const isList = !!type && isListType(type);
    const ownPageSize = definition ? (this.argumentBound(node, parent) ?? this.pageSize(node, definition)) : undefined;
    const children = this.selectionSet(
      node.selectionSet,
      definition ? getNamedType(definition.type) : undefined,
      // A connection's page size applies to the list inside it (`edges`), not to the connection.
      isList ? undefined : ownPageSize,
      level + 1,
    );
    const bound = isList && parent ? this.model.listBounds?.[`${parent.name}.${node.name.value}`] : undefined;
    const items = ownPageSize ?? bound ?? pageSize ?? this.model.defaultListSize;
    // The introspection type-reference chain (`ofType { ofType { ... } }`) is deep by design; its
    // cost is still counted, and introspection is off in production.
    const introspection = node.name.value === '__schema' || node.name.value === '__type';
    const named = definition ? getNamedType(definition.type) : undefined;
    // A value object (a Money) is part of its parent's row: counted 0, unless a list of them.
    const leaf = !!named && (isLeafType(named) || (!isList && !!this.model.valueObjectTypes?.includes(named.name)));
    return {
      depth: introspection ? 1 : 1 + children.depth,
      // Per selection, not per item: this measures the document's work, cost the response's.
      fields: add(1, children.fields),
      aliases: add(node.alias ? 1 : 0, children.aliases),
      directives: children.directives,
      // One object, or one per item of a list, plus the objects inside each.
      cost: leaf ? 0 : isList ? times(items, add(1, children.cost)) : add(1, children.cost),
    };
  }

  private argumentBound(node: FieldNode, parent: GraphQLNamedType | undefined): number | undefined {
    const bound = parent && this.model.argumentBounds?.[`${parent.name}.${node.name.value}`];
    if (!bound) return undefined;
    return Math.max(0, Math.min(Math.floor(bound(new DocumentArguments(node.arguments ?? []))), COUNT_CAP));
  }

  private pageSize(node: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
    const declared = definition.args.find((arg) => arg.name === 'first');
    if (!declared) return undefined;
    const given = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
    if (!given) {
      return typeof declared.defaultValue === 'number' ? Math.min(declared.defaultValue, this.model.maxPageSize) : this.model.maxPageSize;
    }
    // Out-of-range values are rejected by argument validation with a clearer message than a cost error.
    if (given.kind === Kind.INT) return Math.max(0, Math.min(Number(given.value), this.model.maxPageSize));
    return this.model.maxPageSize;
  }

  private fieldDefinition(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === '__typename') return TypeNameMetaFieldDef;
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
    if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name];
    return undefined;
  }

  private typeNamed(name: string | undefined): GraphQLNamedType | undefined {
    return name ? (this.schema.getType(name) ?? undefined) : undefined;
  }
}

/** Reads list arguments from the document's literals (see FieldArguments). */
class DocumentArguments implements FieldArguments {
  constructor(private readonly args: readonly ArgumentNode[]) {}

  list(path: string): readonly string[] | undefined | 'variable' {
    const [name, ...fields] = path.split('.');
    let value: ValueNode | undefined = this.args.find((arg) => arg.name.value === name)?.value;
    for (const field of fields) {
      if (value?.kind === Kind.VARIABLE) return 'variable';
      value = value?.kind === Kind.OBJECT ? value.fields.find((f) => f.name.value === field)?.value : undefined;
    }
    if (!value || value.kind === Kind.NULL) return undefined;
    if (value.kind === Kind.VARIABLE) return 'variable';
    const items = value.kind === Kind.LIST ? value.values : [value];
    if (items.some((item) => item.kind === Kind.VARIABLE)) return 'variable';
    return items.map((item) => ('value' in item ? String(item.value) : item.kind));
  }
}
