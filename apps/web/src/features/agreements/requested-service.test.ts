import { describe, expect, test } from 'vitest';
import { serviceChoices, serviceForBody } from './requested-service';

const agreement = {
  included: [{ code: 'repair_in_warranty', name: '保修期内上门维修' }],
  excluded: [
    { code: 'damage_by_misuse', name: '人为损坏' },
    { code: 'relocation', name: '移机' },
  ],
  paid: [{ code: 'relocation', name: '移机（含拆装）', priceFen: 30_000 }],
};

describe('services an agent can pick at intake', () => {
  test('each code once: included, then for a fee (sold even when also excluded), then refused', () => {
    expect(serviceChoices(agreement)).toEqual([
      { code: 'repair_in_warranty', name: '保修期内上门维修', disposition: 'included', priceFen: null },
      { code: 'relocation', name: '移机（含拆装）', disposition: 'fee', priceFen: 30_000 },
      { code: 'damage_by_misuse', name: '人为损坏', disposition: null, priceFen: null },
    ]);
  });

  test('only an offered service goes into the create body', () => {
    expect(serviceForBody(undefined)).toEqual({});
    expect(serviceForBody({ code: 'damage_by_misuse', disposition: null })).toEqual({});
    expect(serviceForBody({ code: 'relocation', disposition: 'fee' })).toEqual({
      service: { code: 'relocation', disposition: 'fee' },
    });
  });
});
