import {
  emailInput,
  normalisePhone,
  productCategories,
  roles,
  ticketCreateBody,
  ticketTypes,
  warrantyPolicyBody,
} from '@manyi/contracts';
import { describe, expect, it } from 'vitest';
import {
  applianceCategories,
  callSummary,
  cities,
  cityLandline,
  commonGivenNames,
  companyName,
  createRandom,
  dealerName,
  deriveSubject,
  emailFor,
  fillTemplate,
  givenCharPinyin,
  givenChars,
  internalNote,
  internalStaff,
  invoiceNumber,
  landline,
  mobile,
  modelsOfCategory,
  partClasses,
  partClassLabels,
  person,
  personName,
  productModels,
  provinces,
  publicReply,
  randomAddress,
  randomModel,
  randomPointNear,
  repairTemplates,
  resolutionNote,
  serialNumber,
  servicePointStaff,
  servicePoints,
  splitName,
  streetAddress,
  surnamePinyin,
  surnames,
  teams,
  templatesFor,
  ticketTemplates,
  ticketText,
  warrantyPolicies,
  warrantyPolicyByKey,
} from './index';

const SOME_UUID = '00000000-0000-4000-8000-000000000001';

/** A mix of everything, to compare runs. */
function sampleAll(seed: number): unknown[] {
  const rng = createRandom(seed);
  const out: unknown[] = [];
  for (let i = 0; i < 50; i++) {
    const p = person(rng);
    const addr = randomAddress(rng);
    const model = randomModel(rng);
    out.push(
      p,
      emailFor(p.name, rng),
      mobile(rng),
      addr,
      companyName(rng),
      dealerName(rng),
      model.code,
      serialNumber(rng, model.category, new Date(Date.UTC(2023, 4, 17))),
      ticketText(rng, {
        type: rng.pick(ticketTypes),
        category: model.category,
        date: new Date(Date.UTC(2024, 6, 1)),
      }),
      callSummary(rng, 'repair'),
      internalNote(rng),
      publicReply(rng, 'complaint'),
    );
  }
  return out;
}

describe('random', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(sampleAll(7)).toEqual(sampleAll(7));
    expect(sampleAll(7)).not.toEqual(sampleAll(8));
    const a = createRandom(123);
    const b = createRandom(123);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    expect(seqA).toEqual(seqB);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('int is inclusive and within bounds; weighted skips zero weights; date stays in range', () => {
    const rng = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    for (let i = 0; i < 500; i++)
      expect(
        rng.weighted([
          ['a', 0],
          ['b', 1],
          ['c', 0],
        ] as const),
      ).toBe('b');
    const from = new Date('2024-01-01T00:00:00Z');
    const to = new Date('2024-02-01T00:00:00Z');
    for (let i = 0; i < 200; i++) {
      const d = rng.date(from, to).getTime();
      expect(d).toBeGreaterThanOrEqual(from.getTime());
      expect(d).toBeLessThanOrEqual(to.getTime());
    }
    expect(() => rng.pick([])).toThrow();
    expect(rng.sample([1, 2, 3, 4, 5], 3)).toHaveLength(3);
    expect(new Set(rng.sample([1, 2, 3, 4, 5], 5)).size).toBe(5);
  });

  it('fork is deterministic and does not advance the parent', () => {
    const a = createRandom(99);
    const b = createRandom(99);
    const fa = a.fork('addresses');
    const fb = b.fork('addresses');
    expect(fa.next()).toBe(fb.next());
    expect(a.next()).toBe(b.next());
    expect(createRandom(99).fork('x').next()).not.toBe(createRandom(99).fork('y').next());
  });
});

describe('regions', () => {
  it('uses 6-digit GB/T 2260 codes that nest province → city → district', () => {
    const codes = new Set<string>();
    for (const p of provinces) {
      expect(p.code).toMatch(/^\d{2}0000$/);
      codes.add(p.code);
      expect(p.cities.length).toBeGreaterThan(0);
      for (const c of p.cities) {
        expect(c.code).toMatch(/^\d{4}00$/);
        expect(c.code.slice(0, 2)).toBe(p.code.slice(0, 2));
        expect(c.provinceCode).toBe(p.code);
        expect(codes.has(c.code)).toBe(false);
        codes.add(c.code);
        // Only 东莞 (no county-level divisions) has no districts.
        if (c.code !== '441900') {
          expect(c.districts.length).toBeGreaterThanOrEqual(3);
          expect(c.districts.length).toBeLessThanOrEqual(8);
        }
        for (const d of c.districts) {
          expect(d.code).toMatch(/^\d{6}$/);
          expect(d.code.slice(0, 4)).toBe(c.code.slice(0, 4));
          expect(d.code).not.toBe(c.code);
          expect(codes.has(d.code)).toBe(false);
          codes.add(d.code);
          expect(d.weight).toBeGreaterThan(0);
          // District centres lie near their city's centre.
          expect(Math.abs(d.lat - c.lat)).toBeLessThan(0.6);
          expect(Math.abs(d.lng - c.lng)).toBeLessThan(0.6);
        }
      }
    }
    expect(provinces.length).toBeGreaterThanOrEqual(12);
  });

  it('has the codes named in the brief', () => {
    const byCode = new Map<string, string>();
    for (const c of cities) {
      byCode.set(c.code, c.name);
      for (const d of c.districts) byCode.set(d.code, `${c.name}${d.name}`);
    }
    expect(byCode.get('440305')).toBe('深圳市南山区');
    expect(byCode.get('440304')).toBe('深圳市福田区');
    expect(byCode.get('110105')).toBe('北京市朝阳区');
    expect(byCode.get('110108')).toBe('北京市海淀区');
    expect(byCode.get('310115')).toBe('上海市浦东新区');
    for (const code of [
      '440100',
      '440300',
      '440600',
      '441900',
      '330100',
      '330200',
      '320100',
      '320500',
      '510100',
    ])
      expect(byCode.has(code)).toBe(true);
    for (const code of ['420100', '370100', '370200', '410100', '430100', '350200', '350100', '610100'])
      expect(byCode.has(code)).toBe(true);
  });

  it('has plausible area codes, postal codes and coordinates', () => {
    for (const c of cities) {
      expect(c.areaCode).toMatch(/^0\d{2,3}$/);
      expect(c.postalCode).toMatch(/^\d{6}$/);
      expect(c.lat).toBeGreaterThan(18);
      expect(c.lat).toBeLessThan(54);
      expect(c.lng).toBeGreaterThan(73);
      expect(c.lng).toBeLessThan(135);
      expect(c.roads.length).toBeGreaterThanOrEqual(8);
    }
  });

  it('generates addresses that satisfy the address contract', () => {
    const rng = createRandom(5);
    for (let i = 0; i < 300; i++) {
      const a = randomAddress(rng);
      expect(a.detail.length).toBeGreaterThan(4);
      expect(a.detail.length).toBeLessThanOrEqual(200);
      expect(a.postalCode).toMatch(/^\d{6}$/);
      if (a.districtCode) expect(a.districtCode.slice(0, 4)).toBe(a.cityCode.slice(0, 4));
      expect(a.detail).not.toMatch(/undefined|NaN/);
    }
    const sz = cities.find((c) => c.code === '440300')!;
    expect(streetAddress(rng, sz)).toMatch(/\d/);
    expect(streetAddress(rng, sz, { kind: 'office' })).toMatch(/(层|楼)/);
  });

  it('keeps random points within the radius', () => {
    const rng = createRandom(3);
    for (let i = 0; i < 500; i++) {
      const p = randomPointNear(rng, 22.5431, 114.0579, 5);
      const dLatKm = (p.lat - 22.5431) * 110.574;
      const dLngKm = (p.lng - 114.0579) * 111.32 * Math.cos((22.5431 * Math.PI) / 180);
      expect(Math.hypot(dLatKm, dLngKm)).toBeLessThanOrEqual(5.01);
    }
  });
});

describe('phones', () => {
  it('generates mobiles that normalise to mobile numbers', () => {
    const rng = createRandom(11);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const raw = mobile(rng);
      const n = normalisePhone(raw);
      expect(n, raw).not.toBeNull();
      expect(n?.kind, raw).toBe('mobile');
      expect(n?.e164).toMatch(/^\+861\d{10}$/);
      seen.add(raw.replace(/\d/g, '9'));
    }
    // Several written forms appear.
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it('generates landlines that normalise to landline numbers of the city', () => {
    const rng = createRandom(12);
    for (const c of cities) {
      for (let i = 0; i < 60; i++) {
        const raw = cityLandline(rng, c);
        const n = normalisePhone(raw);
        expect(n, raw).not.toBeNull();
        expect(n?.kind, raw).toBe('landline');
        expect(n?.e164.startsWith(`+86${c.areaCode.slice(1)}`), raw).toBe(true);
      }
    }
    expect(normalisePhone(landline(rng, '0755'))?.kind).toBe('landline');
    expect(() => landline(rng, '755')).toThrow();
  });
});

describe('names', () => {
  it('has at least 60 weighted surnames, compound ones included, all with pinyin', () => {
    expect(surnames.length).toBeGreaterThanOrEqual(60);
    expect(new Set(surnames.map(([s]) => s)).size).toBe(surnames.length);
    for (const s of ['欧阳', '司马', '诸葛', '上官']) expect(surnamePinyin[s]).toBeTruthy();
    for (const [s, p, w] of surnames) {
      expect(p).toMatch(/^[a-z]+$/);
      expect(w).toBeGreaterThan(0);
      expect(surnamePinyin[s]).toBe(p);
    }
  });

  it('has pinyin for every given-name character, consistent with the whole-name pinyin', () => {
    for (const g of Object.values(givenChars))
      for (const [c, p] of [...g.first, ...g.last]) expect(givenCharPinyin[c], c).toBe(p);
    for (const list of Object.values(commonGivenNames)) {
      for (const [name, pinyin] of list) {
        const joined = [...name].map((c) => givenCharPinyin[c]).join('');
        expect(joined, name).toBe(pinyin);
      }
    }
  });

  it('generates names, valid e-mail addresses and company names', () => {
    const rng = createRandom(21);
    for (let i = 0; i < 1000; i++) {
      const p = person(rng);
      expect(p.name).toBe(p.surname + p.givenName);
      expect(p.givenName.length).toBeGreaterThanOrEqual(1);
      expect(p.givenName.length).toBeLessThanOrEqual(2);
      expect(splitName(p.name)).toEqual({ surname: p.surname, givenName: p.givenName });
      const email = emailFor(p.name, rng);
      expect(emailInput.safeParse(email).success, email).toBe(true);
      expect(email).toMatch(/^[a-z0-9._]+@[a-z0-9.]+$/);
    }
    expect(emailFor('王芳', createRandom(1))).toMatch(/@/);
    for (let i = 0; i < 200; i++) {
      const n = companyName(rng);
      expect(n.length).toBeGreaterThan(4);
      expect(n).not.toMatch(/undefined/);
    }
    expect(personName(rng, 'female').length).toBeGreaterThanOrEqual(2);
  });
});

describe('products', () => {
  it('uses only the allowed categories, with 4–8 models each and unique model codes', () => {
    expect([...applianceCategories].sort()).toEqual(
      [
        'air_conditioner',
        'refrigerator',
        'washing_machine',
        'water_heater',
        'television',
        'range_hood',
        'dishwasher',
        'water_purifier',
      ].sort(),
    );
    for (const m of productModels) expect(productCategories).toContain(m.category);
    for (const c of applianceCategories) {
      expect(modelsOfCategory(c).length).toBeGreaterThanOrEqual(4);
      expect(modelsOfCategory(c).length).toBeLessThanOrEqual(8);
    }
    const codes = productModels.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of productModels) {
      expect(m.code.length).toBeLessThanOrEqual(60);
      expect(m.name.length).toBeLessThanOrEqual(120);
      expect(Number.isInteger(m.priceFen)).toBe(true);
      expect(m.priceFen).toBeGreaterThan(0);
      expect(warrantyPolicyByKey.has(m.warrantyPolicyKey), m.code).toBe(true);
    }
  });

  it('has warranty policies that the API accepts', () => {
    expect(new Set(warrantyPolicies.map((p) => p.key)).size).toBe(warrantyPolicies.length);
    expect(new Set(warrantyPolicies.map((p) => p.name)).size).toBe(warrantyPolicies.length);
    for (const p of warrantyPolicies) {
      const { key: _key, ...body } = p;
      expect(warrantyPolicyBody.safeParse(body).success, p.name).toBe(true);
      for (const part of p.parts) expect(part.months).toBeGreaterThan(p.wholeUnitMonths);
    }
    for (const pc of partClasses) {
      expect(pc).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(partClassLabels[pc]).toBeTruthy();
    }
    const used = new Set(warrantyPolicies.flatMap((p) => p.parts.map((x) => x.partClass)));
    for (const pc of ['compressor', 'motor', 'panel', 'tank'])
      expect(used.has(pc as (typeof partClasses)[number])).toBe(true);
  });

  it('generates serial numbers, invoice numbers and dealers', () => {
    const rng = createRandom(31);
    const serials = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const model = randomModel(rng);
      const s = serialNumber(rng, model.category, new Date(Date.UTC(2022, 0, 1) + i * 86_400_000));
      expect(s).toMatch(/^[A-Z]{4}\d{6}[A-H]\d{7}$/);
      serials.add(s);
    }
    expect(serials.size).toBe(2000);
    expect(serialNumber(rng, 'television', new Date(Date.UTC(2024, 2, 9)), 42)).toMatch(
      /^DS[A-Z]{2}240309[A-H]0000042$/,
    );
    expect(invoiceNumber(rng, new Date(Date.UTC(2024, 0, 1)), '440000')).toMatch(/^2444[12]\d{15}$/);
    for (let i = 0; i < 200; i++) {
      const d = dealerName(rng);
      expect(d.length).toBeGreaterThan(1);
      expect(d.length).toBeLessThanOrEqual(120);
      expect(d).not.toMatch(/undefined/);
    }
  });
});

describe('tickets', () => {
  it('has enough distinct texts per type and category', () => {
    for (const c of applianceCategories) {
      const texts = repairTemplates[c].map((t) => t.text);
      expect(new Set(texts).size, c).toBeGreaterThanOrEqual(8);
    }
    for (const [type, list] of Object.entries(ticketTemplates)) {
      expect(new Set(list.map((t) => t.text)).size, type).toBeGreaterThanOrEqual(8);
    }
  });

  it('fills every template for every category it applies to', () => {
    const rng = createRandom(41);
    for (const type of ticketTypes) {
      for (const c of applianceCategories) {
        for (const t of templatesFor(type, c)) {
          const text = fillTemplate(t.text, rng, {
            category: t.categories?.includes(c) === false ? t.categories[0]! : c,
          });
          const subject = fillTemplate(t.subject, rng, { category: c });
          expect(text).not.toMatch(/[{}]|undefined/);
          expect(subject).not.toMatch(/[{}]|undefined/);
        }
      }
    }
  });

  it('generates work orders that the API accepts, with variety', () => {
    const rng = createRandom(42);
    const descriptions = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const type = rng.pick(ticketTypes);
      const t = ticketText(rng, { type, date: rng.date(new Date('2023-01-01'), new Date('2025-01-01')) });
      descriptions.add(t.description);
      const parsed = ticketCreateBody.safeParse({
        type,
        subject: t.subject,
        description: t.description,
        priority: t.priority,
        tags: t.tags,
        customerId: SOME_UUID,
      });
      expect(parsed.success, JSON.stringify(t)).toBe(true);
      expect(t.description).not.toMatch(/[{}]|undefined|，，|。。|，。/);
      if (type === 'repair') expect(repairTemplates[t.category].length).toBeGreaterThan(0);
    }
    expect(descriptions.size).toBeGreaterThan(1500);
    const summer = ticketText(createRandom(1), { type: 'repair', category: 'air_conditioner' });
    expect(summer.category).toBe('air_conditioner');
  });

  it('derives short subjects', () => {
    expect(deriveSubject('你好，空调开机十分钟后不制冷。麻烦尽快')).toBe('空调开机十分钟后不制冷');
    expect(
      [...deriveSubject('冰箱冷藏室不制冷，里面的菜都放坏了，冷冻室倒是正常，麻烦尽快安排师傅上门看看')]
        .length,
    ).toBe(20);
  });

  it('writes staff texts without leftover placeholders', () => {
    const rng = createRandom(43);
    for (let i = 0; i < 500; i++) {
      const type = rng.pick(ticketTypes);
      for (const s of [
        callSummary(rng, type),
        internalNote(rng, { technicianName: '李志强' }),
        publicReply(rng, type),
        resolutionNote(rng, type, rng.pick(applianceCategories)),
      ]) {
        expect(s).not.toMatch(/[{}]|undefined/);
        expect(s.length).toBeGreaterThan(3);
      }
    }
  });
});

describe('staff', () => {
  it('has unique team names and service points in known cities and districts', () => {
    expect(new Set(teams.map((t) => t.name)).size).toBe(teams.length);
    expect(new Set(teams.map((t) => t.key)).size).toBe(teams.length);
    const cityCodes = new Map(cities.map((c) => [c.code, c]));
    for (const sp of servicePoints) {
      const city = cityCodes.get(sp.cityCode ?? '');
      expect(city, sp.name).toBeDefined();
      if (sp.districtCode)
        expect(
          city?.districts.some((d) => d.code === sp.districtCode),
          sp.name,
        ).toBe(true);
      expect(sp.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('builds staff with valid roles, teams and unique mail local parts', () => {
    const rng = createRandom(51);
    const staff = internalStaff(rng);
    const taken = new Set(staff.map((s) => s.emailLocal));
    let no = 2001;
    for (const sp of servicePoints) {
      const people = servicePointStaff(rng, sp, no, taken);
      no += people.length;
      staff.push(...people);
    }
    expect(new Set(staff.map((s) => s.emailLocal)).size).toBe(staff.length);
    expect(new Set(staff.map((s) => s.employeeNo)).size).toBe(staff.length);
    const keys = new Set(teams.map((t) => t.key));
    for (const s of staff) {
      expect(roles).toContain(s.role);
      if (s.teamKey !== null) expect(keys.has(s.teamKey)).toBe(true);
      expect(emailInput.safeParse(`${s.emailLocal}@example.cn`).success).toBe(true);
    }
    expect(staff.filter((s) => s.role === 'admin')).toHaveLength(1);
    // Every internal name has known pinyin, so the list does not depend on the generator.
    expect(internalStaff(createRandom(1))).toEqual(internalStaff(createRandom(2)));
    for (const s of internalStaff(createRandom(1))) {
      const { givenName } = splitName(s.displayName);
      for (const c of givenName) expect(givenCharPinyin[c], s.displayName).toBeTruthy();
    }
  });
});
