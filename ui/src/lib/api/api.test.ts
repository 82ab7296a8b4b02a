import { afterEach, describe, expect, it } from 'vitest';
import * as api from './index';
import { KeyslotError } from './index';
import { callsOf, clearMocks, fail, mockCommands, OPEN_PATH } from './mock';
import { aboutView, device, devicesView, diagnostics, freed, license, report } from '../../tests/fixtures';

afterEach(() => clearMocks());

interface Case {
  name: string;
  cmd: string;
  call: () => Promise<unknown>;
  args: Record<string, unknown>;
  data: unknown;
  /** What the wrapper returns for `data` (forgetLicense returns nothing). */
  returns?: unknown;
}

const lastError = report({ title: 'Seen before' });

const cases: Case[] = [
  { name: 'activate', cmd: 'activate', call: () => api.activate('KEY-1234'), args: { key: 'KEY-1234' }, data: license() },
  { name: 'licenseStatus', cmd: 'license_status', call: () => api.licenseStatus(), args: {}, data: license() },
  { name: 'forgetLicense', cmd: 'forget_license', call: () => api.forgetLicense(), args: {}, data: null, returns: undefined },
  { name: 'listDevices', cmd: 'list_devices', call: () => api.listDevices(), args: {}, data: devicesView([device()]) },
  {
    name: 'listDevicesFor',
    cmd: 'list_devices_for',
    call: () => api.listDevicesFor('KEY-1234'),
    args: { key: 'KEY-1234' },
    data: devicesView([device()]),
  },
  {
    name: 'freeDevice',
    cmd: 'free_device',
    call: () => api.freeDevice('act_1'),
    args: { activationId: 'act_1' },
    data: freed(device(), 1),
  },
  {
    name: 'freeDeviceFor',
    cmd: 'free_device_for',
    call: () => api.freeDeviceFor('KEY-1234', 'act_1'),
    args: { key: 'KEY-1234', activationId: 'act_1' },
    data: freed(device(), 1),
  },
  { name: 'diagnose', cmd: 'diagnose', call: () => api.diagnose(), args: {}, data: diagnostics() },
  {
    name: 'supportReport',
    cmd: 'support_report',
    call: () => api.supportReport(lastError),
    args: { lastError },
    data: 'Keyslot support report\n…',
  },
  {
    name: 'demoKeys',
    cmd: 'demo_keys',
    call: () => api.demoKeys(),
    args: {},
    data: [{ key: 'DEMO-FREE-0001', label: 'A free seat' }],
  },
  { name: 'about', cmd: 'about', call: () => api.about(), args: {}, data: aboutView() },
];

describe('api wrappers', () => {
  describe.each(cases)('$name', (c) => {
    it('returns the data on success and sends the right command and arguments', async () => {
      const calls = mockCommands({ [c.cmd]: () => c.data });
      const result = await c.call();
      expect(result).toEqual('returns' in c ? c.returns : c.data);
      expect(calls).toHaveLength(1);
      expect(calls[0].cmd).toBe(c.cmd);
      for (const [k, v] of Object.entries(c.args)) expect(calls[0].args[k]).toEqual(v);
    });

    it('throws a KeyslotError carrying the report on error', async () => {
      const r = report({ kind: 'server_unavailable', code: 'KS_5030', action: 'retry' });
      mockCommands({ [c.cmd]: () => fail(r) });
      const error = await c.call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KeyslotError);
      expect((error as KeyslotError).report).toEqual(r);
      expect((error as KeyslotError).message).toBe(r.title);
      expect((error as KeyslotError).at).toBeInstanceOf(Date);
    });
  });

  it('sends the key as typed: the command parses it', async () => {
    const calls = mockCommands({ activate: () => license(), list_devices_for: () => devicesView([]), free_device_for: () => freed(device(), 0) });
    await api.activate('  KEY-1234 \n');
    await api.listDevicesFor(' KEY-1234');
    await api.freeDeviceFor('KEY-1234 ', 'act_1');
    expect(calls.map((c) => c.args.key)).toEqual(['  KEY-1234 \n', ' KEY-1234', 'KEY-1234 ']);
  });

  it('turns a rejection that is not a report (e.g. a plain string) into a friendly KeyslotError', async () => {
    mockCommands({ license_status: () => Promise.reject('command license_status not allowed') });
    const error = await api.licenseStatus().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyslotError);
    const r = (error as KeyslotError).report;
    expect(r.kind).toBe('unknown');
    expect(r.action).toBe('retry');
    expect(r.title).not.toContain('not allowed');
  });

  it('turns a thrown Error (no Tauri runtime, or a mock that throws) into a KeyslotError', async () => {
    mockCommands({
      diagnose: () => {
        throw new Error('boom');
      },
    });
    const error = await api.diagnose().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyslotError);
    expect((error as KeyslotError).cause).toBeInstanceOf(Error);
  });

  it('KeyslotError.from passes reports and KeyslotErrors through', () => {
    const r = report();
    const e = KeyslotError.from(r);
    expect(e.report).toBe(r);
    expect(KeyslotError.from(e)).toBe(e);
  });

  it('opens the log folder with the opener plugin, and says false when it cannot', async () => {
    const calls = mockCommands({ [OPEN_PATH]: () => null });
    expect(await api.openLogFolder('/logs')).toBe(true);
    expect(callsOf(calls, OPEN_PATH).map((c) => c.args.path)).toEqual(['/logs']);
    mockCommands({ [OPEN_PATH]: () => Promise.reject('Not allowed to open path /logs') });
    expect(await api.openLogFolder('/logs')).toBe(false);
  });

  it('records no calls outside the mocked table', async () => {
    const calls = mockCommands({});
    await expect(api.listDevices()).rejects.toBeInstanceOf(KeyslotError);
    expect(callsOf(calls, 'list_devices')).toHaveLength(1);
  });
});
