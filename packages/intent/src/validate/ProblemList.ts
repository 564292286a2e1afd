import type { ParsedDocument } from '../document';
import { type IntentProblem, type SourceLocation, where } from '../errors';

/**
 * Collects every problem with an intent, each located in what the user wrote: a text offset for the text form,
 * the JSON pointer itself for the JSON form. Checks add to it and carry on, so all problems are reported together.
 */
export class ProblemList {
  readonly problems: IntentProblem[] = [];

  constructor(private readonly parsed: Pick<ParsedDocument, 'form' | 'locations'>) {}

  locate(pointer: string): SourceLocation {
    if (this.parsed.form === 'json') return pointer;
    // A field the text did not write (a default) is reported where its parent, or the intent, starts.
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const at = this.parsed.locations[p];
      if (at !== undefined) return at;
      if (p === '') return this.parsed.locations['/kind'] ?? 0;
    }
  }

  /** Adds `<subject> at <where><rest>`, e.g. subject "latency 0ms", rest ": must be above 0". */
  add(pointer: string, subject: string, rest: string): void {
    const at = this.locate(pointer);
    this.problems.push({ path: pointer, at, message: `${subject} ${where(at)}${rest}` });
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }
}
