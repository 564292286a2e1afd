import { accessLineCompiler } from './accessLineCompiler';
import { CompilerRegistry } from './CompilerRegistry';
import { dataExpressCompiler } from './dataExpressCompiler';
import { dcInterconnectCompiler } from './dcInterconnectCompiler';
import { elasticCompiler } from './elasticCompiler';
import { releaseCompiler } from './releaseCompiler';

/** A registry with the five built-in compilers; callers may register more kinds, or replace one. */
export function createCompilerRegistry(): CompilerRegistry {
  return new CompilerRegistry()
    .register(accessLineCompiler)
    .register(dcInterconnectCompiler)
    .register(dataExpressCompiler)
    .register(elasticCompiler)
    .register(releaseCompiler);
}
