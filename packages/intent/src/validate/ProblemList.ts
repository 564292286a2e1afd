import type { ParsedDocument } from '../document';
import { type IntentProblem, type SourceLocation, where } from '../errors';

/**
 * Collects every problem with an intent, each located in what the user wrote: a text offset for the text form,
 * the JSON pointer itself for the JSON form. Checks add to it and carry on, so all problems are reported together.
 */
export class ProblemList {
  readonly problems: IntentProblem[] = [];

  constructor(private readonly parsed: Pick<ParsedDocument, 'form' | 'locations' | 'language'>) {}

  /** Whether messages are to be in Chinese (the intent was written in Chinese). */
  get chinese(): boolean {
    return this.parsed.language === 'zh';
  }

  locate(pointer: string): SourceLocation {
    if (this.parsed.form === 'json') return pointer;
    // A field the text did not write (a default) is reported where its parent, or the intent, starts.
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const at = this.parsed.locations[p];
      if (at !== undefined) return at;
      if (p === '') return this.parsed.locations['/kind'] ?? 0;
    }
  }

  /**
   * Adds `<subject> at <where><rest>`, e.g. subject "latency 0ms", rest ": must be above 0". For an intent written
   * in Chinese, `zh` gives the message from its location (`（位置 24）`); without one the English message stands.
   */
  add(pointer: string, subject: string, rest: string, zh?: (where: string) => string): void {
    const at = this.locate(pointer);
    const message = this.chinese && zh ? zh(`（位置 ${at}）`) : `${subject} ${where(at)}${rest}`;
    this.problems.push({ path: pointer, at, message });
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }
}
