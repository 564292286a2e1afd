import { serializeXml } from '@milli/netconf-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roadm, startDevice } from './support/deviceFixtures';
import { CANDIDATE, RawSession, errorsOf, isOk } from './support/rawSession';
import { channelUsesDeleteXml, channelUsesXml, mediaChannelXml as mc } from './support/roadmXml';

const NC = 'xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"';
const ROADM = 'xmlns="urn:milli:yang:milli-roadm"';

/**
 * `inner` media channels in a config, with `uses` (channel-use entries); by default the entries of every media
 * channel in `inner` written whole (its four leaves) without an operation of its own, as a new one needs them.
 */
function roadmConfig(inner: string, attrs = '', uses = entriesOf(inner)): string {
  const index = uses === '' ? '' : `<channel-uses>${uses}</channel-uses>`;
  return `<config><roadm ${ROADM} ${NC}${attrs}><media-channels>${inner}</media-channels>${index}</roadm></config>`;
}
function entriesOf(inner: string): string {
  const whole = /<media-channel><name>([^<]+)<\/name><channel>(\d+)<\/channel><from>([^<]+)<\/from><to>([^<]+)<\/to>/g;
  return [...inner.matchAll(whole)].map(([, name, channel, from, to]) => channelUsesXml(name!, channel!, from!, to!)).join('');
}
function edit(config: string, options = ''): string {
  return `<edit-config>${CANDIDATE}${options}${config}</edit-config>`;
}

describe('mock device: edit-config semantics on the candidate', () => {
  let device: Awaited<ReturnType<typeof startDevice>>;
  let s: RawSession;
  const candidate = async () => serializeXml(await s.rpc('<get-config><source><candidate/></source></get-config>'));

  beforeAll(async () => {
    device = await startDevice(roadm);
    s = await RawSession.open(device.port);
  });
  afterAll(async () => {
    s.close();
    await device.stop();
  });
  beforeEach(async () => {
    expect(isOk(await s.rpc('<discard-changes/>'))).toBe(true);
  });

  it('merges a new media channel into the candidate and leaves running alone', async () => {
    expect(isOk(await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2', '<target-power-dbm>-2.5</target-power-dbm>')))))).toBe(true);
    const text = await candidate();
    expect(text).toContain('<name>mc-1</name>');
    expect(text).toContain('<target-power-dbm>-2.5</target-power-dbm>');
    expect(serializeXml(await s.rpc('<get-config><source><running/></source></get-config>'))).not.toContain('mc-1');
  });

  it('create fails with data-exists on an existing entry; delete of a missing one fails with data-missing; remove does not', async () => {
    await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2'))));
    const exists = errorsOf(await s.rpc(edit(roadmConfig(mc('mc-1', 37, 'deg-1', 'deg-2', '', ' nc:operation="create"'), '', ''))));
    expect(exists[0]).toMatchObject({
      'error-tag': 'data-exists',
      'error-path': "/milli-roadm:roadm/milli-roadm:media-channels/milli-roadm:media-channel[milli-roadm:name='mc-1']",
    });
    expect(await candidate()).toContain('<channel>36</channel>');
    const missing = errorsOf(await s.rpc(edit(roadmConfig('<media-channel nc:operation="delete"><name>nope</name></media-channel>'))));
    expect(missing[0]).toMatchObject({
      'error-tag': 'data-missing',
      'error-path': "/milli-roadm:roadm/milli-roadm:media-channels/milli-roadm:media-channel[milli-roadm:name='nope']",
    });
    expect(isOk(await s.rpc(edit(roadmConfig('<media-channel nc:operation="remove"><name>nope</name></media-channel>'))))).toBe(true);
    const release = roadmConfig(
      '<media-channel nc:operation="delete"><name>mc-1</name></media-channel>',
      '',
      channelUsesDeleteXml(36, 'deg-1', 'deg-2'),
    );
    expect(isOk(await s.rpc(edit(release)))).toBe(true);
    expect(await candidate()).not.toContain('mc-1');
  });

  it('replace swaps a whole entry (leaves not in the replacement go); merge keeps them', async () => {
    await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2', '<target-power-dbm>1.5</target-power-dbm>'))));
    // a new channel moves the media channel's entries (channel-uses) with it
    const retuned = (channel: number, from: number) =>
      channelUsesDeleteXml(from, 'deg-1', 'deg-2') + channelUsesXml('mc-1', channel, 'deg-1', 'deg-2');
    expect(isOk(await s.rpc(edit(roadmConfig(mc('mc-1', 40, 'deg-1', 'deg-2'), '', retuned(40, 36)))))).toBe(true);
    let text = await candidate();
    expect(text).toContain('<channel>40</channel>');
    expect(text).toContain('<target-power-dbm>1.5</target-power-dbm>');
    expect(isOk(await s.rpc(edit(roadmConfig(mc('mc-1', 41, 'deg-1', 'deg-2', '', ' nc:operation="replace"'), '', retuned(41, 40)))))).toBe(
      true,
    );
    text = await candidate();
    expect(text).toContain('<channel>41</channel>');
    expect(text).not.toContain('target-power-dbm');
  });

  it('default-operation none touches only nodes with an operation; default-operation replace replaces the datastore', async () => {
    await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2') + mc('mc-2', 37, 'deg-2', 'deg-1'))));
    const none = roadmConfig(
      `${mc('mc-1', 50, 'deg-1', 'deg-2')}<media-channel nc:operation="delete"><name>mc-2</name></media-channel>`,
      '',
      channelUsesDeleteXml(37, 'deg-2', 'deg-1'),
    );
    expect(isOk(await s.rpc(edit(none, '<default-operation>none</default-operation>')))).toBe(true);
    let text = await candidate();
    expect(text).toContain('<channel>36</channel>');
    expect(text).not.toContain('mc-2');
    const ports =
      '<config><device xmlns="urn:milli:yang:milli-device"><ports><port><name>deg-1</name><kind>degree</kind></port></ports></device></config>';
    expect(isOk(await s.rpc(edit(ports, '<default-operation>replace</default-operation>')))).toBe(true);
    text = await candidate();
    expect(text).toContain('<name>deg-1</name>');
    expect(text).not.toContain('deg-2');
    expect(text).not.toContain('milli-roadm');
  });

  it('reports a range violation as invalid-value with the error path, and a must violation with its app-tag', async () => {
    const range = errorsOf(await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2', '<target-power-dbm>42</target-power-dbm>')))));
    expect(range[0]).toMatchObject({ 'error-type': 'protocol', 'error-tag': 'invalid-value' });
    expect(range[0]!['error-path']).toContain("media-channel[milli-roadm:name='mc-1']/milli-roadm:target-power-dbm");
    expect(range[0]!['error-message']).toMatch(/range/);
    const must = errorsOf(await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-1')))));
    expect(must[0]).toMatchObject({ 'error-type': 'application', 'error-tag': 'operation-failed' });
    expect(must[0]!['error-path']).toContain("media-channel[milli-roadm:name='mc-1']");
    expect(await candidate()).not.toContain('mc-1');
  });

  it('error-option: stop-on-error and rollback-on-error apply nothing, continue-on-error applies what it can', async () => {
    await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2'))));
    const twoEdits = roadmConfig(
      `${mc('mc-2', 37, 'deg-1', 'deg-2', '', ' nc:operation="create"')}${mc('mc-1', 38, 'deg-1', 'deg-2', '', ' nc:operation="create"')}`,
      '',
      channelUsesXml('mc-2', 37, 'deg-1', 'deg-2'),
    );
    for (const option of ['stop-on-error', 'rollback-on-error']) {
      const errors = errorsOf(await s.rpc(edit(twoEdits, `<error-option>${option}</error-option>`)));
      expect(errors.map((e) => e['error-tag'])).toEqual(['data-exists']);
      expect(await candidate()).not.toContain('mc-2');
    }
    const errors = errorsOf(await s.rpc(edit(twoEdits, '<error-option>continue-on-error</error-option>')));
    expect(errors.map((e) => e['error-tag'])).toEqual(['data-exists']);
    const text = await candidate();
    expect(text).toContain('<name>mc-2</name>');
    expect(text).toContain('<channel>36</channel>');
  });

  it('test-only validates without applying; test-option set skips validation until validate or commit', async () => {
    expect(isOk(await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2')), '<test-option>test-only</test-option>')))).toBe(true);
    expect(await candidate()).not.toContain('mc-1');
    const bad = roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-9'));
    expect(errorsOf(await s.rpc(edit(bad)))[0]!['error-tag']).toBe('data-missing');
    expect(isOk(await s.rpc(edit(bad, '<test-option>set</test-option>')))).toBe(true);
    const invalid = errorsOf(await s.rpc('<validate><source><candidate/></source></validate>'));
    expect(invalid[0]).toMatchObject({ 'error-tag': 'data-missing', 'error-app-tag': 'instance-required' });
    expect(errorsOf(await s.rpc('<commit/>'))[0]!['error-tag']).toBe('data-missing');
    expect(isOk(await s.rpc('<validate><source><running/></source></validate>'))).toBe(true);
  });

  it('refuses unknown elements, bad operation values and writes to running on a candidate device', async () => {
    const unknown = errorsOf(await s.rpc(edit(`<config><roadm ${ROADM}><bogus/></roadm></config>`)));
    expect(unknown[0]!['error-tag']).toMatch(/unknown-element|invalid-value|operation-failed/);
    expect(unknown[0]!['error-message']).toMatch(/bogus/);
    const badOp = errorsOf(await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2', '', ' nc:operation="explode"')))));
    expect(badOp.length).toBe(1);
    const running = errorsOf(
      await s.rpc(`<edit-config><target><running/></target>${roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2'))}</edit-config>`),
    );
    expect(running[0]).toMatchObject({ 'error-tag': 'operation-not-supported' });
  });

  it('deletes and removes typed leaves named without a value', async () => {
    await s.rpc(edit(roadmConfig(mc('mc-1', 36, 'deg-1', 'deg-2', '<target-power-dbm>1.5</target-power-dbm>'))));
    const del = roadmConfig('<media-channel><name>mc-1</name><target-power-dbm nc:operation="delete"/></media-channel>');
    expect(isOk(await s.rpc(edit(del)))).toBe(true);
    const text = await candidate();
    expect(text).toContain('<name>mc-1</name>');
    expect(text).not.toContain('target-power-dbm');
    const again = errorsOf(await s.rpc(edit(del)));
    expect(again[0]).toMatchObject({
      'error-tag': 'data-missing',
      'error-path':
        "/milli-roadm:roadm/milli-roadm:media-channels/milli-roadm:media-channel[milli-roadm:name='mc-1']/milli-roadm:target-power-dbm",
    });
    const remove = roadmConfig('<media-channel><name>mc-1</name><target-power-dbm nc:operation="remove"/></media-channel>');
    expect(isOk(await s.rpc(edit(remove)))).toBe(true);
    // A mandatory leaf cannot go: validation refuses the result and the candidate keeps it.
    const mandatory = errorsOf(
      await s.rpc(edit(roadmConfig('<media-channel><name>mc-1</name><channel nc:operation="delete"/></media-channel>'))),
    );
    expect(mandatory[0]!['error-tag']).toBe('data-missing');
    expect(await candidate()).toContain('<channel>36</channel>');
  });

  it('validates inline config given to validate', async () => {
    const inline = `<validate><source><config><device xmlns="urn:milli:yang:milli-device"><ports><port><name>line-1</name><kind>line</kind></port></ports></device></config></source></validate>`;
    const errors = errorsOf(await s.rpc(inline));
    expect(errors[0]!['error-message']).toMatch(/needs a rate/);
    expect(errors[0]!['error-app-tag']).toBe('port-rate-missing');
  });
});
