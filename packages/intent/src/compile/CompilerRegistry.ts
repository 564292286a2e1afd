import type { IntentKind } from '../document';
import { IntentUnknownKindError } from '../errors';
import type { Intent } from '../intent';
import type { CompileContext, Compilation, IntentCompiler } from './Compilation';

/**
 * Compilers keyed by intent kind: callers compile any intent through `compile` and never branch on the kind.
 * A new kind is a new compiler registered here, nothing else.
 */
export class CompilerRegistry {
  private readonly compilers = new Map<string, IntentCompiler>();

  register<K extends IntentKind>(compiler: IntentCompiler<K>): this {
    this.compilers.set(compiler.kind, compiler as unknown as IntentCompiler);
    return this;
  }

  kinds(): string[] {
    return [...this.compilers.keys()];
  }

  compile(intent: Intent, context: CompileContext, previous?: Compilation): Compilation {
    const compiler = this.compilers.get(intent.kind);
    if (!compiler) throw new IntentUnknownKindError(intent.kind, this.kinds());
    return compiler.compile(intent as never, context, previous);
  }
}
