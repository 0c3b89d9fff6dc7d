/**
 * Property decorators combined into one, applied as if written stacked on the property in this
 * order (`@A() @B() x` applies B first, then A). class-validator reports a field's messages in the
 * order its rules were applied, so rules moved from a field into a shared decorator keep the order
 * of their messages. For the decorators several input fields repeat (same type, same validators).
 */
export function Stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorator of [...decorators].reverse()) decorator(target, property);
  };
}
