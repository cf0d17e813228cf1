import { expect, test } from 'vitest';
import { regionCodesFrom } from './region-codes';

test('a district code gives its province and city', () => {
  expect(regionCodesFrom('440305')).toEqual({
    provinceCode: '440000',
    cityCode: '440300',
    districtCode: '440305',
  });
});

test('a city code gives its province and no district', () => {
  expect(regionCodesFrom(' 370100 ')).toEqual({ provinceCode: '370000', cityCode: '370100' });
});

test('a municipality at province level maps to its 01 city', () => {
  expect(regionCodesFrom('110000')).toEqual({ provinceCode: '110000', cityCode: '110100' });
  expect(regionCodesFrom('110105')).toEqual({
    provinceCode: '110000',
    cityCode: '110100',
    districtCode: '110105',
  });
});

test('anything but six digits is refused', () => {
  for (const bad of ['', '44030', '4403055', '44o305', '000000']) expect(regionCodesFrom(bad)).toBeNull();
});
