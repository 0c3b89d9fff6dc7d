// Prints what `npm run codegen` would write to generated.ts (before Prettier), without writing it.
// Run by operations.spec.ts as a plain Node process: codegen loads its plugins in ways Jest's module system does not support.
import { generate, loadContext } from '@graphql-codegen/cli';

const context = await loadContext(process.argv[2]);
const [output] = await generate(context, false);
process.stdout.write(output.content);
