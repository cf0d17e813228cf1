import { type Database, type Executor, schema } from '@manyi/db';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import * as custody from '../modules/custody/custody.service';
import { getUnitWarranty } from '../modules/products/products.service';
import * as quotes from '../modules/quotes/quotes.service';
import { demoContext } from './demo-context';

/** The demo's price list: parts by part class (for the warranty check), labour, call-out fees, paid services. */
const priceList: Omit<typeof schema.priceItems.$inferInsert, 'tenantId'>[] = [
  {
    kind: 'part',
    code: 'P-AC-COMP-35',
    name: '压缩机（1.5 匹变频）',
    priceFen: 86_000,
    partClass: 'compressor',
    category: 'air_conditioner',
  },
  {
    kind: 'part',
    code: 'P-AC-FAN',
    name: '室外风机电机',
    priceFen: 28_000,
    partClass: 'fan_motor',
    category: 'air_conditioner',
  },
  {
    kind: 'part',
    code: 'P-AC-PCB',
    name: '空调主控板',
    priceFen: 32_000,
    partClass: 'pcb',
    category: 'air_conditioner',
  },
  {
    kind: 'part',
    code: 'P-AC-CAP',
    name: '压缩机启动电容',
    priceFen: 4_500,
    partClass: null,
    category: 'air_conditioner',
  },
  {
    kind: 'part',
    code: 'P-AC-R32',
    name: '冷媒 R32 加注（每次）',
    priceFen: 18_000,
    partClass: null,
    category: 'air_conditioner',
  },
  {
    kind: 'part',
    code: 'P-AC-REMOTE',
    name: '原装遥控器',
    priceFen: 6_000,
    partClass: 'remote_control',
    category: 'air_conditioner',
  },
  {
    kind: 'part',
    code: 'P-RF-COMP',
    name: '冰箱压缩机',
    priceFen: 68_000,
    partClass: 'compressor',
    category: 'refrigerator',
  },
  {
    kind: 'part',
    code: 'P-RF-THERMO',
    name: '冰箱温控器',
    priceFen: 9_500,
    partClass: 'thermostat',
    category: 'refrigerator',
  },
  {
    kind: 'part',
    code: 'P-WM-PUMP',
    name: '洗衣机排水泵',
    priceFen: 12_000,
    partClass: 'pump',
    category: 'washing_machine',
  },
  {
    kind: 'part',
    code: 'P-WM-SEAL',
    name: '滚筒门封条',
    priceFen: 15_000,
    partClass: 'door_seal',
    category: 'washing_machine',
  },
  {
    kind: 'part',
    code: 'P-WH-HEAT',
    name: '热水器加热管',
    priceFen: 16_000,
    partClass: 'heating_element',
    category: 'water_heater',
  },
  {
    kind: 'part',
    code: 'P-WH-ROD',
    name: '镁棒（防腐阳极）',
    priceFen: 4_500,
    partClass: null,
    category: 'water_heater',
  },
  {
    kind: 'part',
    code: 'P-WP-FILTER',
    name: '净水器 RO 滤芯',
    priceFen: 39_900,
    partClass: 'filter',
    category: 'water_purifier',
  },
  {
    kind: 'labour',
    code: 'L-COMP',
    name: '更换压缩机工时（含抽真空）',
    priceFen: 25_000,
    partClass: 'compressor',
    category: null,
  },
  { kind: 'labour', code: 'L-WELD', name: '焊接补漏工时', priceFen: 15_000, partClass: null, category: null },
  {
    kind: 'labour',
    code: 'L-GENERAL',
    name: '一般维修工时',
    priceFen: 8_000,
    partClass: null,
    category: null,
  },
  {
    kind: 'labour',
    code: 'L-PCB',
    name: '更换电脑板工时',
    priceFen: 6_000,
    partClass: 'pcb',
    category: null,
  },
  {
    kind: 'call_out',
    code: 'C-OUT',
    name: '上门费（市区）',
    priceFen: 5_000,
    partClass: null,
    category: null,
  },
  {
    kind: 'call_out',
    code: 'C-OUT-FAR',
    name: '远程上门费（超 30 公里）',
    priceFen: 10_000,
    partClass: null,
    category: null,
  },
  {
    kind: 'service',
    code: 'cleaning',
    name: '深度清洗保养',
    priceFen: 12_000,
    partClass: null,
    category: null,
  },
  {
    kind: 'service',
    code: 'relocation',
    name: '移机（含拆装）',
    priceFen: 30_000,
    partClass: null,
    category: null,
  },
  {
    kind: 'service',
    code: 'repair_out_of_warranty',
    name: '保外维修上门检测',
    priceFen: 5_000,
    partClass: null,
    category: null,
  },
  {
    kind: 'part',
    code: 'P-OLD-FAN',
    name: '旧款风机电机（已停产）',
    priceFen: 21_000,
    partClass: 'fan_motor',
    category: 'air_conditioner',
    active: false,
  },
];

/**
 * Paid work and customer property for the demo: the price list, quotes in every status on recent repairs
 * (one paid in part), and custody items at the service points — one overdue, one lost with the customer told
 * and the incident closed, one damaged with the customer not yet told.
 */
export async function seedMoneyDemo(db: Executor, database: Database, tenantId: string, adminId: string) {
  await db.insert(schema.priceItems).values(priceList.map((p) => ({ ...p, tenantId })));
  const ids = new Map(
    (
      await db
        .select({ id: schema.priceItems.id, code: schema.priceItems.code })
        .from(schema.priceItems)
        .where(eq(schema.priceItems.tenantId, tenantId))
    ).map((r) => [r.code, r.id]),
  );
  const item = (code: string) => ({ priceItemId: ids.get(code)!, quantity: 1 });
  const ctx = demoContext(db, database, { tenantId, userId: adminId, role: 'admin' });

  const recent = await db
    .select({
      id: schema.tickets.id,
      teamId: schema.tickets.teamId,
      assigneeId: schema.tickets.assigneeId,
      customerId: schema.tickets.customerId,
      unitId: schema.tickets.unitId,
      category: schema.productModels.category,
    })
    .from(schema.tickets)
    .innerJoin(schema.units, eq(schema.units.id, schema.tickets.unitId))
    .innerJoin(schema.productModels, eq(schema.productModels.id, schema.units.modelId))
    .where(
      and(
        eq(schema.tickets.tenantId, tenantId),
        eq(schema.tickets.type, 'repair'),
        inArray(schema.tickets.status, ['open', 'scheduled', 'in_progress', 'waiting_parts', 'resolved']),
        isNotNull(schema.tickets.teamId),
      ),
    )
    .orderBy(desc(schema.tickets.createdAt))
    .limit(300);

  // Out-of-warranty units show paid lines (and a compressor still free under its own 10-year period).
  const expired: typeof recent = [];
  const covered: typeof recent = [];
  for (const t of recent) {
    const w = await getUnitWarranty(ctx, t.unitId!, {});
    (w.covered ? covered : expired).push(t);
  }
  const coveredAc = covered.filter((t) => t.category === 'air_conditioner');
  const pick = [expired[0], expired[1] ?? covered[1], coveredAc[0], covered[2], covered[3]];
  const plans: {
    lines: ReturnType<typeof item>[];
    outcome: 'draft' | 'sent' | 'accepted' | 'declined' | 'paid';
  }[] = [
    { lines: [item('L-GENERAL'), item('L-WELD'), item('C-OUT')], outcome: 'paid' },
    { lines: [item('cleaning'), item('C-OUT')], outcome: 'sent' },
    { lines: [item('P-AC-COMP-35'), item('L-COMP'), item('C-OUT')], outcome: 'accepted' },
    { lines: [item('relocation')], outcome: 'declined' },
    { lines: [item('cleaning'), item('P-AC-CAP')], outcome: 'draft' },
  ];
  for (const [i, plan] of plans.entries()) {
    const t = pick[i];
    if (!t) continue;
    const q = await quotes.createQuote(ctx, t.id, {
      lines: plan.lines,
      fromOffers: false,
      validDays: 7,
      note: i === 2 ? '压缩机在保修期内免费更换（含工时与上门费）。' : null,
    });
    if (plan.outcome === 'draft') continue;
    if (plan.outcome === 'sent') {
      await quotes.sendQuote(ctx, q.id, q.version);
      continue;
    }
    const decided = await quotes.decideQuoteOnSite(ctx, q.id, {
      version: q.version,
      decision: plan.outcome === 'declined' ? 'declined' : 'accepted',
      customerName: '客户本人',
      reason: plan.outcome === 'declined' ? '暂不移机，明年搬家时再说' : undefined,
    });
    if (plan.outcome === 'paid' && decided.totalFen > 0)
      await quotes.recordPayment(ctx, t.id, {
        method: 'wechat',
        amountFen: decided.totalFen > 8_000 ? decided.totalFen - 8_000 : decided.totalFen,
        reference: '4200002026112312345678',
      });
  }

  // Customer property at the service points.
  const day = 86_400_000;
  const now = Date.now();
  const held = recent.slice(0, 6);
  const intake = [
    {
      kind: 'unit' as const,
      description: '挂机室内机整机（返修检测）',
      serialNumber: 'KFR35GW-2023-118264',
      condition: '外壳完好，出风口导风板有一处裂纹（客户确认原有），遥控器未随机带走',
      location: '服务网点维修车间 A-02 货架',
      receivedAt: now - 9 * day,
      dueBackAt: now - 2 * day,
    },
    {
      kind: 'part' as const,
      description: '室外机主控板（送厂检测）',
      serialNumber: 'PCB-W35-22A0917',
      condition: '板面有烧蚀痕迹，客户同意拆回检测',
      location: '服务网点配件库',
      receivedAt: now - 3 * day,
      dueBackAt: now + 4 * day,
    },
    {
      kind: 'keys' as const,
      description: '客户入户门钥匙两把（客户出差期间上门维修）',
      serialNumber: null,
      condition: '两把，带蓝色钥匙扣',
      location: '技术员随身',
      receivedAt: now - 2 * day,
      dueBackAt: now + 1 * day,
    },
    {
      kind: 'part' as const,
      description: '空调遥控器（配对检测）',
      serialNumber: null,
      condition: '后盖电池仓卡扣缺失',
      location: '服务网点前台',
      receivedAt: now - 5 * day,
      dueBackAt: now + 2 * day,
    },
  ];
  const items: string[] = [];
  for (const [i, x] of intake.entries()) {
    const t = held[i % Math.max(1, held.length)];
    if (!t) break;
    const r = await custody.receiveCustodyItem(ctx, {
      ticketId: t.id,
      ...x,
      photoIds: [],
      holderUserId: t.assigneeId,
      receivedAt: new Date(x.receivedAt).toISOString(),
      dueBackAt: new Date(x.dueBackAt).toISOString(),
    });
    items.push(r.id);
  }
  if (items[0]) {
    const d = await custody.getCustodyItem(ctx, items[0]);
    await custody.moveCustodyItem(ctx, items[0], {
      version: d.version,
      holderUserId: null,
      holderName: '维修车间库管',
      location: '服务网点维修车间 A-02 货架',
      note: '入库待厂家技术员检测',
    });
  }
  if (items[2]) {
    // Lost: the customer was told by phone; the incident is closed.
    const lost = await custody.reportIncident(ctx, items[2], {
      kind: 'loss',
      description: '技术员回程途中遗失其中一把钥匙',
      occurredAt: new Date(now - day).toISOString(),
    });
    const inc = lost.incidents[0]!;
    const told = await custody.recordCustomerNotified(ctx, inc.id, {
      version: inc.version,
      via: 'phone',
      notifiedAt: new Date(now - day + 3_600_000).toISOString(),
      what: '致电客户说明钥匙遗失，当面致歉；承诺承担换锁费用并当天安排锁匠，客户表示理解。',
    });
    await custody.closeIncident(ctx, inc.id, {
      version: told.incidents[0]!.version,
      resolution: '已为客户更换锁芯，费用 260 元由网点承担。',
    });
  }
  if (items[3]) {
    // Damaged, and nobody has told the customer yet: the report shows it as untold.
    await custody.reportIncident(ctx, items[3], {
      kind: 'damage',
      description: '检测时遥控器跌落，显示屏出现裂纹',
    });
  }
  return {
    priceItems: priceList.length,
    quotes: pick.filter(Boolean).length,
    custodyItems: items.length,
  };
}
