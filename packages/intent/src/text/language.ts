import { CHINESE_FOR, CHINESE_WORDS } from './chineseLexicon';

/** The language an intent was written in; its messages answer in the same one. */
export type IntentLanguage = 'en' | 'zh';

/** What the grammar wanted, in Chinese, for messages (the English phrase is the key). */
const WANTED_ZH: Readonly<Record<string, string>> = {
  'a latency': '时延',
  'a bandwidth': '带宽',
  'a line rate': '速率',
  'a data volume': '数据量',
  'a duration': '时长',
  'a time': '时间',
  'a time of day': '时刻',
  'a date': '日期',
  'a date or weekdays': '日期或工作日',
  'a day': '哪一天',
  'a zone': '时区',
  'an SLA tier': 'SLA 等级',
  'an industry': '行业',
  'a line id': '线路编号',
  'the first site': '第一个站点',
  'the volume': '数据量',
  'the line id': '线路编号',
  'the start time': '开始时间',
  "'connect'": "'连接'",
  "'scale'": "'扩容'",
  "'release'": "'释放'",
  "'to'": "'到'",
  "'from'": "'从'",
  "'protected by'": "'保护'",
};

/** A phrase of the grammar's messages in the intent's language. */
export function wanted(lang: IntentLanguage, english: string): string {
  if (lang === 'en') return english;
  if (english.startsWith('a site id after ')) return `${wanted(lang, english.slice('a site id after '.length))}之后的站点`;
  return WANTED_ZH[english] ?? english;
}

/** A grammar word as the intent's language writes it. */
export function word(lang: IntentLanguage, english: string): string {
  return lang === 'en' ? english : (CHINESE_FOR[english] ?? english);
}

/** The Chinese words that start one of these grammar words' clauses: the candidates for 您是不是想说. */
export function chineseWordsFor(english: readonly string[]): string[] {
  return Object.entries(CHINESE_WORDS)
    .filter(([, tokens]) => tokens.length > 0 && english.includes(tokens[0]!))
    .map(([chinese]) => chinese);
}
