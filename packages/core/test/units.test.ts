import { describe, expect, it } from 'vitest';
import { MilliError, formatBandwidth, formatLatency, parseBandwidth, parseDataVolume, parseDuration, parseLatency } from '../src/index';

describe('parseLatency', () => {
  it.each([
    ['1ms', 1000],
    ['850us', 850],
    ['850 µs', 850],
    ['850 μs', 850],
    ['0.5 ms', 500],
    ['2.3ms', 2300],
    ['1s', 1_000_000],
  ])('%s is %d µs', (text, us) => {
    expect(parseLatency(text)).toBe(us);
  });

  it.each(['', 'ms', '1', '1 km', '-1ms', '1 ms extra', '1MS'])('rejects %j naming the text', (text) => {
    const error = catchError(() => parseLatency(text));
    expect(error.code).toBe('INVALID_UNIT');
    expect(error.message).toContain(`'${text}'`);
    expect(error.context.text).toBe(text);
  });
});

describe('parseBandwidth', () => {
  it.each([
    ['100Mbps', 100_000],
    ['2.5 Gbit/s', 2_500_000],
    ['400G', 400_000_000],
    ['10 Mbit/s', 10_000],
    ['2M', 2000],
    ['64kbps', 64],
    ['1.2 Tbps', 1_200_000_000],
  ])('%s is %d kbit/s', (text, kbps) => {
    expect(parseBandwidth(text)).toBe(kbps);
  });

  it.each(['100', 'fast', '100 furlongs', '0Mbps', '0.5kbps'])('rejects %j', (text) => {
    const error = catchError(() => parseBandwidth(text));
    expect(error.code).toBe('INVALID_UNIT');
    expect(error.message).toContain(text);
  });
});

describe('other quantities', () => {
  it('parses data volumes in decimal and binary units', () => {
    expect(parseDataVolume('50TB')).toBe(50e12);
    expect(parseDataVolume('2 TiB')).toBe(2 * 2 ** 40);
    expect(() => parseDataVolume('50 T')).toThrow(MilliError);
  });

  it('parses durations', () => {
    expect(parseDuration('300ms')).toBe(300);
    expect(parseDuration('2s')).toBe(2000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(() => parseDuration('soon')).toThrow(/duration 'soon'/);
  });

  it('formats for people', () => {
    expect(formatLatency(850)).toBe('850 µs');
    expect(formatLatency(1250)).toBe('1.25 ms');
    expect(formatBandwidth(100_000)).toBe('100 Mbit/s');
    expect(formatBandwidth(400_000_000)).toBe('400 Gbit/s');
    expect(formatBandwidth(64)).toBe('64 kbit/s');
  });
});

function catchError(fn: () => unknown): MilliError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MilliError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
