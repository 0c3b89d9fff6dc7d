import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/** True when the client selected `field` directly under the resolved field (fragments included). */
export function isFieldRequested(info: GraphQLResolveInfo | undefined, field: string): boolean {
  if (!info) return true;
  const visit = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD && selection.name.value === field) return true;
      if (selection.kind === Kind.INLINE_FRAGMENT && visit(selection.selectionSet)) return true;
      if (selection.kind === Kind.FRAGMENT_SPREAD && visit(info.fragments[selection.name.value]?.selectionSet)) return true;
    }
    return false;
  };
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
