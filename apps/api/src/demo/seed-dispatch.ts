import { type Database, type Executor, schema } from '@manyi/db';
import { createRandom } from '@manyi/db/seed/data/random';
import { cityByCode } from '@manyi/db/seed/data/regions';
import { servicePoints as pointTemplates } from '@manyi/db/seed/data/staff';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { localDateIn } from '../lib/local-date';
import { dispatchTicket, rankCandidates } from '../modules/dispatch/dispatch.service';
import { openTicket } from '../modules/tickets/tickets.service';
import { demoContext } from './demo-context';

const TIME_ZONE = 'Asia/Shanghai';
/** Brand-run points (直营); the others are authorised partners (特约) who accept or refuse dispatches. */
const OWN = new Set(['sp_sz_longgang', 'sp_gz_panyu', 'sp_bj_chaoyang', 'sp_sh_minhang']);
const ADDRESSES: Record<string, string> = {
  sp_sz_nanshan: '南山大道 1088 号南园枫叶大厦 1 楼',
  sp_sz_baoan: '宝安区新安街道创业一路 45 号',
  sp_sz_longgang: '龙岗大道 6008 号',
  sp_gz_tianhe: '天河路 385 号太古汇旁 3 号铺',
  sp_gz_panyu: '番禺区市桥街道繁华路 28 号',
  sp_fs_shunde: '顺德区大良街道德和路 8 号',
  sp_dg_nancheng: '南城街道鸿福路 106 号',
};
const CERTS: Record<string, string> = {
  air_conditioner: '空调安装维修上岗证',
  refrigerator: '制冷设备维修工证',
  washing_machine: '洗衣机维修上岗证',
  water_heater: '燃气热水器安装维修资格证',
  television: '家电维修工（电视）证',
  range_hood: '厨电安装上岗证',
  dishwasher: '厨电安装上岗证',
  water_purifier: '净水设备安装上岗证',
};
const ISSUERS = ['中国家用电器服务维修协会', '广东省家电服务业协会', '美达家电培训中心'];

function addDays(day: string, n: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Field service for the demo: every service point gets its profile (address, real coordinates of its district,
 * coverage, categories); every technician skills, a base near the point, capacity and certifications — a few
 * expiring this month, one expired — and one technician is on leave today. Then some open work in Guangdong is
 * dispatched: offers waiting in the partner's inbox and jobs in the hands of own service points.
 */
export async function seedDispatchDemo(db: Executor, database: Database, tenantId: string, adminId: string) {
  const rng = createRandom(5_2026);
  const today = localDateIn(TIME_ZONE, new Date());
  const teams = await db
    .select({ id: schema.teams.id, name: schema.teams.name })
    .from(schema.teams)
    .where(and(eq(schema.teams.tenantId, tenantId), eq(schema.teams.kind, 'service_point')));
  const teamByName = new Map(teams.map((t) => [t.name, t.id]));
  const coords = new Map<string, { lat: number; lng: number }>();
  for (const tpl of pointTemplates) {
    const id = teamByName.get(tpl.name);
    const city = tpl.cityCode ? cityByCode.get(tpl.cityCode) : undefined;
    if (!id || !city) continue;
    const district = city.districts.find((d) => d.code === tpl.districtCode);
    const lat = (district?.lat ?? city.lat) + rng.float(-0.01, 0.01);
    const lng = (district?.lng ?? city.lng) + rng.float(-0.01, 0.01);
    coords.set(id, { lat, lng });
    const categories = ['air_conditioner', 'refrigerator', 'washing_machine', 'water_heater'];
    if (rng.chance(0.6)) categories.push('range_hood', 'dishwasher');
    if (rng.chance(0.5)) categories.push('television', 'water_purifier');
    await db.insert(schema.servicePointProfiles).values({
      teamId: id,
      tenantId,
      ownership: OWN.has(tpl.key) ? 'own' : 'partner',
      provinceCode: city.provinceCode,
      cityCode: city.code,
      districtCode: district?.code ?? null,
      province: city.province,
      city: city.name,
      district: district?.name ?? null,
      addressDetail: ADDRESSES[tpl.key] ?? `${rng.pick(city.roads)} ${rng.int(1, 300)} 号`,
      lat,
      lng,
      coverageRegionCodes: district ? [district.code, city.code] : [city.code],
      coverageRadiusKm: rng.pick([20, 30, 40]),
      categories,
      contactName: null,
      contactPhone: `${city.areaCode}-${rng.digits(city.localDigits)}`,
    });
  }
  const technicians = await db
    .select({ id: schema.users.id, teamId: schema.users.teamId, email: schema.users.email })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.role, 'technician')))
    .orderBy(schema.users.email);
  let i = 0;
  for (const tech of technicians) {
    const base = tech.teamId ? coords.get(tech.teamId) : undefined;
    if (!base) continue;
    const demoTech = tech.email.startsWith('technician@');
    const categories = [
      'air_conditioner',
      ...rng.shuffle(Object.keys(CERTS).slice(1)).slice(0, rng.int(1, 3)),
    ];
    await db.insert(schema.technicianProfiles).values({
      userId: tech.id,
      tenantId,
      categories,
      jobTypes: rng.chance(0.8) ? ['repair', 'installation', 'maintenance'] : ['repair', 'maintenance'],
      baseLat: base.lat + rng.float(-0.04, 0.04),
      baseLng: base.lng + rng.float(-0.04, 0.04),
      dailyCapacity: rng.int(5, 8),
      phone: `1${rng.pick(['38', '39', '59', '86', '88'])}${rng.digits(8)}`,
    });
    for (const category of categories) {
      // Index-driven: a few expire this month, one (not the demo technician) has lapsed.
      const expiresIn = demoTech ? 400 : i % 7 === 2 ? rng.int(5, 25) : rng.int(90, 900);
      await db.insert(schema.technicianCertifications).values({
        tenantId,
        userId: tech.id,
        name: CERTS[category]!,
        category,
        issuedOn: addDays(today, expiresIn - 1095),
        expiresOn: addDays(today, expiresIn),
        examScore: rng.int(72, 98),
        issuer: rng.pick(ISSUERS),
      });
    }
    i++;
  }
  // In Shenzhen, where the demo's calls come from: one technician's certificate lapsed last week, one is on
  // leave — the dispatcher sees both listed as not eligible, with why.
  const shenzhen = new Set(
    pointTemplates.filter((p) => p.cityCode === '440300').map((p) => teamByName.get(p.name)),
  );
  const [lapsed, away] = technicians.filter(
    (x) => x.teamId && shenzhen.has(x.teamId) && !x.email.startsWith('technician@'),
  );
  if (lapsed)
    await db
      .update(schema.technicianCertifications)
      .set({ expiresOn: addDays(today, -6), issuedOn: addDays(today, -1101) })
      .where(
        and(
          eq(schema.technicianCertifications.userId, lapsed.id),
          eq(schema.technicianCertifications.category, 'air_conditioner'),
        ),
      );
  if (away)
    await db.insert(schema.technicianLeave).values({
      tenantId,
      userId: away.id,
      startsOn: addDays(today, -1),
      endsOn: addDays(today, 2),
      reason: '年假',
    });

  // Fresh calls from customers in Shenzhen: some dispatched (offers waiting in the 南山 partner's inbox, jobs
  // at own points), some left for the dispatcher.
  const [dispatcher] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.role, 'dispatcher')))
    .orderBy(schema.users.email)
    .limit(1);
  const ctx = demoContext(db, database, { tenantId, userId: dispatcher?.id ?? adminId, role: 'dispatcher' });
  const units = await db
    .select({
      unitId: schema.units.id,
      customerId: schema.units.customerId,
      category: schema.productModels.category,
    })
    .from(schema.units)
    .innerJoin(schema.productModels, eq(schema.productModels.id, schema.units.modelId))
    .innerJoin(schema.customerAddresses, eq(schema.customerAddresses.id, schema.units.addressId))
    .where(
      and(
        eq(schema.units.tenantId, tenantId),
        eq(schema.customerAddresses.cityCode, '440300'),
        inArray(schema.productModels.category, ['air_conditioner', 'refrigerator', 'washing_machine']),
        sql`${schema.customerAddresses.lat} IS NOT NULL`,
      ),
    )
    .orderBy(schema.units.serialNumber)
    .limit(8);
  const calls = [
    '空调不制冷，开机半小时出风还是热的，室外机有异响',
    '空调漏水，室内机下面一直滴水',
    '冰箱冷藏室不冷，冷冻正常',
    '洗衣机脱水时剧烈晃动，有很大响声',
    '空调遥控器开不了机，显示 E1 故障码',
    '新买的空调需要安装，客户希望周末上门',
  ];
  const nanshan = teamByName.get('深圳南山服务网点');
  let dispatched = 0;
  for (const [k, u] of units.slice(0, 6).entries()) {
    const t = await openTicket(ctx, {
      type: k === 5 ? 'installation' : 'repair',
      channel: 'phone',
      priority: k === 1 ? 'high' : 'normal',
      description: calls[k]!,
      customerId: u.customerId,
      unitId: u.unitId,
      tags: [],
    });
    if (k >= 3) continue; // waiting for the dispatcher
    const ranking = await rankCandidates(ctx, t.id);
    // Two to the 南山 partner (offers in its inbox), one to the top candidate.
    const pick =
      (k < 2 ? ranking.candidates.find((c) => c.servicePointId === nanshan) : undefined) ??
      ranking.candidates[0];
    if (!pick) continue;
    await dispatchTicket(ctx, t.id, {
      version: t.version,
      technicianId: pick.technicianId,
      overrideReason: pick.rank === 1 ? null : '客户所在小区由南山网点长期服务，就近派单',
    });
    dispatched++;
  }
  return { servicePoints: coords.size, technicians: i, dispatched };
}
