import type { IntentDocument } from '@milli/intent';

/**
 * Every text form the README documents, each with the JSON document it means. Tests parse both forms and
 * require the same compilation; the README lists the same sentences.
 */
export interface FormExample {
  name: string;
  text: string;
  json: IntentDocument;
}

export const FORMS: FormExample[] = [
  {
    name: 'access line from a park, protected, for an industry',
    text: 'connect park P-17 to DC dc-north under 1ms with 100Mbps protected for manufacturing',
    json: {
      kind: 'access-line',
      from: { site: 'P-17', role: 'park' },
      to: { site: 'dc-north', role: 'dc' },
      maxLatency: '1ms',
      bandwidth: '100Mbps',
      protection: 'srlg',
      industry: 'manufacturing',
    },
  },
  {
    name: 'access line from an access point, ODU class, tier 4A protected by node',
    text: 'connect access point AP-1 to dc-south with 2.5 Gbit/s protected by node tier 4A for finance',
    json: {
      kind: 'access-line',
      from: { site: 'AP-1', role: 'access' },
      to: { site: 'dc-south' },
      bandwidth: '2.5Gbit/s',
      protection: 'node',
      tier: '4A',
      industry: 'finance',
    },
  },
  {
    name: 'access line, tier 5A',
    text: 'connect ap AP-1 to dc dc-north with 10Mbps under 800us protected tier 5A for medical',
    json: {
      kind: 'access-line',
      from: { site: 'AP-1', role: 'access' },
      to: { site: 'dc-north', role: 'dc' },
      bandwidth: '10Mbps',
      maxLatency: '800us',
      protection: 'srlg',
      tier: '5A',
      industry: 'medical',
    },
  },
  {
    name: 'access line, unmarked ends, unprotected',
    text: 'connect P-18 to dc-north with 500Mbps unprotected for education',
    json: {
      kind: 'access-line',
      from: { site: 'P-18' },
      to: { site: 'dc-north' },
      bandwidth: '500Mbps',
      protection: 'none',
      industry: 'education',
    },
  },
  {
    name: 'DC interconnect at 400G',
    text: 'connect dc-north to dc-south under 1 ms at 400G',
    json: { kind: 'dc-interconnect', from: { site: 'dc-north' }, to: { site: 'dc-south' }, maxLatency: '1ms', rate: '400G' },
  },
  {
    name: 'DC interconnect, one wavelength by default, protected',
    text: 'connect dc dc-north to dc dc-east protected',
    json: { kind: 'dc-interconnect', from: { site: 'dc-north', role: 'dc' }, to: { site: 'dc-east', role: 'dc' }, protection: 'srlg' },
  },
  {
    name: 'DC interconnect at wavelength, tier 4A',
    text: 'connect dc-south to dc-east at wavelength protected by link tier 4A',
    json: {
      kind: 'dc-interconnect',
      from: { site: 'dc-south' },
      to: { site: 'dc-east' },
      rate: 'wavelength',
      protection: 'link',
      tier: '4A',
    },
  },
  {
    name: 'data express by a deadline',
    text: 'move 50TB from dc-north to dc-south by 2026-12-01T06:00Z',
    json: { kind: 'data-express', volume: '50TB', from: { site: 'dc-north' }, to: { site: 'dc-south' }, end: '2026-12-01T06:00Z' },
  },
  {
    name: 'data express in a nightly window, for media',
    text: 'move 2 TB from park P-17 to dc dc-north between 01:00 and 05:00 for media',
    json: {
      kind: 'data-express',
      volume: '2TB',
      from: { site: 'P-17', role: 'park' },
      to: { site: 'dc-north', role: 'dc' },
      start: '01:00',
      end: '05:00',
      industry: 'media',
    },
  },
  {
    name: 'data express within a duration from a start',
    text: 'move 800GB from dc-south to dc-north starting 2026-11-27T22:00+08:00 within 6h under 2ms protected for transport',
    json: {
      kind: 'data-express',
      volume: '800GB',
      from: { site: 'dc-south' },
      to: { site: 'dc-north' },
      start: '2026-11-27T22:00+08:00',
      within: '6h',
      maxLatency: '2ms',
      protection: 'srlg',
      industry: 'transport',
    },
  },
  {
    name: 'elastic for a window',
    text: 'scale line L-42 to 1Gbps from 20:00 to 23:00',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '1Gbps', start: '20:00', end: '23:00' },
  },
  {
    name: 'elastic now, for a duration',
    text: 'scale line L-42 to 300Mbps for 2h',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '300Mbps', within: '2h' },
  },
  {
    name: 'elastic, permanent',
    text: 'scale line L-42 to 200Mbps',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '200Mbps' },
  },
  {
    name: 'elastic until a time',
    text: 'scale line L-42 to 1Gbps until 18:30',
    json: { kind: 'elastic', line: 'L-42', bandwidth: '1Gbps', end: '18:30' },
  },
  { name: 'release now', text: 'release line L-42', json: { kind: 'release', line: 'L-42' } },
  {
    name: 'release at a time',
    text: 'release line L-42 at 2026-11-30T00:00Z',
    json: { kind: 'release', line: 'L-42', at: '2026-11-30T00:00Z' },
  },
];
