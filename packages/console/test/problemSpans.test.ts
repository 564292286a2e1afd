import { describe, expect, it } from 'vitest';
import { problemSpans, replaceWordAt, suggestionOf } from '../src/views/problemSpans';

describe('problem spans in the submit box', () => {
  const text = 'connect park P-1 to DC dc-nrth under 1ms';
  const problem = { at: 23, message: "unknown site 'dc-nrth' at 23, did you mean 'dc-north'?" };

  it('underlines the word each problem points at and keeps the rest of the text as it is', () => {
    const spans = problemSpans(text, [problem]);
    expect(spans.map((s) => s.text).join('')).toBe(text);
    expect(spans.filter((s) => s.problem).map((s) => s.text)).toEqual(['dc-nrth']);
  });

  it('lists problems located by JSON pointer without underlining, and shows one at the very end', () => {
    expect(problemSpans(text, [{ at: '/to/site', message: 'x' }]).some((s) => s.problem)).toBe(false);
    const end = problemSpans('connect park P-1 to', [{ at: 19, message: 'expected a site' }]);
    expect(end.at(-1)).toEqual({ text: ' ', problem: { at: 19, message: 'expected a site' } });
  });

  it('reads the suggestion from the message and puts it in place of the word', () => {
    const suggestion = suggestionOf(problem.message) as string;
    expect(suggestion).toBe('dc-north');
    expect(replaceWordAt(text, 23, suggestion)).toBe('connect park P-1 to DC dc-north under 1ms');
    expect(suggestionOf('bandwidth must be positive')).toBeUndefined();
  });
});
