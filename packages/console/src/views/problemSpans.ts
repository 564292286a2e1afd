/** A problem as the check answers it: `at` is a character offset in the text form, or a JSON pointer in the JSON form. */
export interface LocatedProblem {
  at: number | string;
  message: string;
}

export interface Span {
  text: string;
  problem?: LocatedProblem;
}

/** The suggestion in a problem's message ("did you mean 'dc-north'?"), as the API words it. */
export function suggestionOf(message: string): string | undefined {
  return /did you mean '([^']+)'/.exec(message)?.[1];
}

/**
 * The text cut into spans, each problem underlining the word that starts at its offset (the parser points at the
 * start of the token it could not use). Problems located by JSON pointer underline nothing; they are listed below.
 */
export function problemSpans(text: string, problems: LocatedProblem[]): Span[] {
  const located = problems
    .filter((p): p is LocatedProblem & { at: number } => typeof p.at === 'number' && p.at >= 0 && p.at <= text.length)
    .sort((a, b) => a.at - b.at);
  const spans: Span[] = [];
  let cursor = 0;
  for (const problem of located) {
    if (problem.at < cursor) continue;
    const rest = text.slice(problem.at);
    const word = /^\S+/.exec(rest)?.[0] ?? rest.slice(0, 1);
    if (problem.at > cursor) spans.push({ text: text.slice(cursor, problem.at) });
    // A problem at the very end (something missing) underlines a space so that it shows.
    spans.push({ text: word === '' ? ' ' : word, problem });
    cursor = problem.at + word.length;
  }
  if (cursor < text.length) spans.push({ text: text.slice(cursor) });
  return spans;
}

/** The text with the word at `at` replaced by `word`. */
export function replaceWordAt(text: string, at: number, word: string): string {
  const length = /^\S*/.exec(text.slice(at))?.[0].length ?? 0;
  return text.slice(0, at) + word + text.slice(at + length);
}
