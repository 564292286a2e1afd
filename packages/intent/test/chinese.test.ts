import { IntentSyntaxError, parseIntentText, readIntent } from '@milli/intent';
import { describe, expect, it } from 'vitest';
import { FORMS } from './examples';
import { compileProblems } from './helpers';
import { NOW, smallMetro } from './fixtures/smallMetro';

const options = { topology: smallMetro, now: NOW };

/** ASCII as its full-width twin and spaces as ideographic spaces: what a Chinese input method often types. */
function fullWidth(text: string): string {
  return [...text].map((c) => (c === ' ' ? '\u3000' : c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
}

/** A space wherever Chinese meets a Latin letter or a digit, and none elsewhere: spaces are optional between words. */
function spaced(text: string): string {
  const cjk = (c: string) => c.charCodeAt(0) >= 0x2e80;
  return [...text].map((c, i, all) => (i > 0 && cjk(c) !== cjk(all[i - 1]!) && all[i - 1] !== ' ' && c !== ' ' ? ` ${c}` : c)).join('');
}

function syntaxError(text: string): IntentSyntaxError {
  try {
    parseIntentText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(IntentSyntaxError);
    return error as IntentSyntaxError;
  }
  throw new Error(`parsed: ${text}`);
}

describe('intents in Chinese', () => {
  it.each(FORMS.map((f) => [f.name, f] as const))('%s: the Chinese form parses to the English form’s document', (_name, form) => {
    const english = parseIntentText(form.text);
    const chinese = parseIntentText(form.zh);
    expect(chinese.document).toEqual(form.json);
    expect(chinese.document).toEqual(english.document);
    expect(chinese.language).toBe('zh');
    expect(parseIntentText(fullWidth(form.zh)).document).toEqual(form.json);
    expect(parseIntentText(spaced(form.zh)).document).toEqual(form.json);
  });

  it('compiles the issue’s sentence, and the same line written in English, to the same result', () => {
    const zh = readIntent('连接园区 P-17 到数据中心 dc-north，时延小于1ms，带宽100Mbps，1+1保护', options);
    const en = readIntent('connect park P-17 to dc dc-north under 1ms with 100Mbps protected', options);
    expect(zh.compilation).toEqual(en.compilation);
  });

  it('names sites by their Chinese names from the topology, keeping their ids in the document', () => {
    const { parsed } = readIntent('连接张江园区到城北数据中心，带宽100兆', options);
    expect(parsed.document).toEqual({ kind: 'access-line', from: { site: 'P-17' }, to: { site: 'dc-north' }, bandwidth: '100Mbps' });
    expect(parsed.locations['/to/site']).toBe(7);
  });

  it('answers syntax errors in Chinese, located, with 您是不是想说', () => {
    const verb = syntaxError('连结园区P-17到数据中心dc-north');
    expect(verb.message).toBe("未知的意图 '连结'（位置 0）：您是不是想说 '连接'？");
    expect(verb.at).toBe(0);
    const text = '连接园区P-17到数据中心dc-north，带宽100Mbps，保户';
    const clause = syntaxError(text);
    expect(clause.message).toBe(`'保户'（位置 ${text.indexOf('保户')}）不属于'连接'意图：您是不是想说 '保护'？`);
    expect(clause.at).toBe(text.indexOf('保户'));
    const noUnit = '连接园区P-17到数据中心dc-north，带宽100';
    expect(syntaxError(noUnit).message).toBe(`带宽 '100'（位置 ${noUnit.indexOf('100')}）缺少单位：请写，例如 '100Mbps'`);
    const noBandwidth = '连接园区P-17到数据中心dc-north';
    expect(syntaxError(noBandwidth).message).toContain(`接入专线需要带宽（位置 ${noBandwidth.length}）`);
  });

  it('lists every network problem at once, in Chinese, each located', () => {
    const text = '连接园区dc-south到数据中心dc-nrth，带宽100Mbps';
    expect(compileProblems(text, options)).toEqual([
      `数据中心 dc-south（位置 ${text.indexOf('dc-south')}）不是园区`,
      `未知站点 'dc-nrth'（位置 ${text.indexOf('dc-nrth')}），您是不是想说 'dc-north'？`,
    ]);
  });

  it('words unit, range and tier problems in Chinese too, with a Chinese summary', () => {
    const text = '连接园区P-17到数据中心dc-north，时延小于0毫秒，带宽1Mbps，等级5A';
    expect(compileProblems(text, options)).toEqual([
      `时延 0ms（位置 ${text.indexOf('0毫秒')}）必须大于 0`,
      `带宽 1Mbps（位置 ${text.indexOf('1Mbps')}）低于最小 OSU（2 Mbit/s）：请至少 2Mbps`,
      `等级 5A（位置 ${text.indexOf('5A')}）需要 1+1 保护：请加 '1+1保护'，或选择等级 3A`,
    ]);
    expect(() => readIntent(text, options)).toThrow(/^意图无效：共 3 个问题/);
  });

  it('keeps English messages for English intents', () => {
    expect(compileProblems('connect park dc-south to dc dc-nrth with 100Mbps', options)).toEqual([
      'data centre dc-south at 13 is not a park',
      "unknown site 'dc-nrth' at 28, did you mean 'dc-north'?",
    ]);
  });
});
