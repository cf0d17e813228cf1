/** Province, city and district codes (GB/T 2260) derived from the most precise one the agent typed. */
export interface RegionCodes {
  provinceCode: string;
  cityCode: string;
  districtCode?: string;
}

/**
 * "440305" → 440000 / 440300 / 440305. A province-level code ("110000") maps to its first city ("110100"),
 * which is how the municipalities (北京、上海、天津、重庆) number their districts. Null when not 6 digits.
 */
export function regionCodesFrom(code: string): RegionCodes | null {
  const trimmed = code.trim();
  if (!/^\d{6}$/.test(trimmed)) return null;
  const province = trimmed.slice(0, 2);
  const city = trimmed.slice(2, 4);
  const district = trimmed.slice(4, 6);
  if (province === '00') return null;
  return {
    provinceCode: `${province}0000`,
    cityCode: city === '00' ? `${province}0100` : `${province}${city}00`,
    ...(district !== '00' && city !== '00' ? { districtCode: trimmed } : {}),
  };
}
