import { describe, expect, test } from 'vitest';
import { publicPromiseRows, serviceHoursLines } from './public-agreement';

const t = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;
const day = [['08:00', '20:00']] as [string, string][];

describe('the customer agreement page', () => {
  test('promises per type at normal priority, metrics in order', () => {
    const rows = publicPromiseRows([
      { ticketType: 'repair', priority: 'urgent', metric: 'on_site', promiseMinutes: 240 },
      { ticketType: 'repair', priority: 'normal', metric: 'resolution', promiseMinutes: 2160 },
      { ticketType: 'repair', priority: 'normal', metric: 'on_site', promiseMinutes: 720 },
      { ticketType: 'inquiry', priority: 'normal', metric: 'first_response', promiseMinutes: 120 },
    ]);
    expect(rows).toEqual([
      { ticketType: 'inquiry', minutes: { first_response: 120 } },
      { ticketType: 'repair', minutes: { on_site: 720, resolution: 2160 } },
    ]);
  });

  test('service hours: every day, grouped weekdays, or around the clock', () => {
    const every = { '0': day, '1': day, '2': day, '3': day, '4': day, '5': day, '6': day };
    expect(serviceHoursLines({ timeZone: 'Asia/Shanghai', is24x7: false, week: every }, t)).toEqual([
      'publicPage.everyDay{"periods":"08:00–20:00"}',
    ]);
    const office = { ...every, '0': [], '6': [['09:00', '12:00']] as [string, string][] };
    const lines = serviceHoursLines({ timeZone: 'Asia/Shanghai', is24x7: false, week: office }, t);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('08:00–20:00');
    expect(lines[1]).toContain('09:00–12:00');
    expect(serviceHoursLines({ timeZone: 'UTC', is24x7: true, week: every }, t)).toEqual([
      'publicPage.allDay',
    ]);
  });
});
