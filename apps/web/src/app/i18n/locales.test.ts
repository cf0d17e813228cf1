import { describe, expect, test } from 'vitest';
import { en } from './en';
import { featureNamespaces } from './namespaces';
import { zhCN } from './zh-CN';

/** Every leaf as [dotted.path, value], so two locale trees can be compared shape for shape. */
function leaves(node: unknown, prefix = ''): Array<[string, unknown]> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const locales = { 'zh-CN': zhCN, en } as const;

describe.each(Object.entries(featureNamespaces))('feature namespace %s', (_ns, m) => {
  test('zh-CN and en have exactly the same keys, all non-empty strings, same placeholders', () => {
    const zh = leaves(m.zhCN);
    const enLeaves = new Map(leaves(m.en));
    expect([...enLeaves.keys()].sort()).toEqual(zh.map(([k]) => k).sort());
    const placeholders = (value: unknown) =>
      [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]).sort();
    for (const [path, value] of zh) {
      expect(typeof value === 'string' && value.trim() !== '', path).toBe(true);
      const other = enLeaves.get(path);
      expect(typeof other === 'string' && other.trim() !== '', path).toBe(true);
      expect(placeholders(other), path).toEqual(placeholders(value));
    }
  });
});

describe('locale files', () => {
  test('zh-CN and en have exactly the same keys', () => {
    const zhKeys = leaves(zhCN).map(([path]) => path);
    const enKeys = leaves(en).map(([path]) => path);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.sort()).toEqual(zhKeys.sort());
  });

  test.each(Object.entries(locales))('%s has only non-empty strings', (_name, messages) => {
    const bad = leaves(messages).filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(bad).toEqual([]);
  });

  test('interpolation placeholders match between languages', () => {
    const placeholders = (value: unknown) =>
      [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const enByPath = new Map(leaves(en));
    for (const [path, zhValue] of leaves(zhCN)) {
      expect(placeholders(enByPath.get(path)), path).toEqual(placeholders(zhValue));
    }
  });
});
