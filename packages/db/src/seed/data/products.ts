/**
 * The appliance catalogue of a fictional brand portfolio (澜湾 white goods, 焱迪 kitchen, 晶屏 TVs,
 * 清泉源 water), warranty policy templates after China's 三包 rules and typical maker policies, dealers,
 * serial and invoice numbers.
 *
 * Model codes follow the national naming conventions: KFR-35GW = split heat-pump AC, 3.5 kW cooling,
 * wall-mounted (LW = floor cabinet, T2W = ducted); BCD-501W = refrigerator-freezer, 501 L, frost-free;
 * XQG/XQB = drum/impeller washer with its load in kg×10; JSQ30-16 = forced-exhaust gas water heater,
 * 30 kW, 16 L/min; CXW-260 = range hood, 260 W; WQP13 = dishwasher, 13 place settings.
 */
import type { ProductCategory } from '@manyi/contracts';
import { shortPlaceName } from './names';
import type { Random } from './random';
import { type City, randomCity, randomDistrict } from './regions';

/** The appliance categories the demo catalogue covers (a subset of the contracts' productCategories). */
export const applianceCategories = [
  'air_conditioner',
  'refrigerator',
  'washing_machine',
  'water_heater',
  'television',
  'range_hood',
  'dishwasher',
  'water_purifier',
] as const satisfies readonly ProductCategory[];
export type ApplianceCategory = (typeof applianceCategories)[number];

export const categoryLabels: Readonly<Record<ApplianceCategory, string>> = {
  air_conditioner: '空调',
  refrigerator: '冰箱',
  washing_machine: '洗衣机',
  water_heater: '热水器',
  television: '电视',
  range_hood: '油烟机',
  dishwasher: '洗碗机',
  water_purifier: '净水器',
};

/** How common each category is among registered units (air conditioners dominate service volume). */
export const categoryWeights: Readonly<Record<ApplianceCategory, number>> = {
  air_conditioner: 30,
  refrigerator: 14,
  washing_machine: 15,
  water_heater: 13,
  television: 10,
  range_hood: 8,
  dishwasher: 4,
  water_purifier: 6,
};

/** Part classes used by warranty policies and repair records (lower_snake_case, as the API requires). */
export const partClasses = [
  'compressor',
  'motor',
  'fan_motor',
  'heat_exchanger',
  'pcb',
  'power_board',
  'panel',
  'backlight',
  'tank',
  'heating_element',
  'igniter',
  'pump',
  'water_valve',
  'drum',
  'door_seal',
  'thermostat',
  'sensor',
  'filter',
  'remote_control',
] as const;
export type PartClass = (typeof partClasses)[number];

export const partClassLabels: Readonly<Record<PartClass, string>> = {
  compressor: '压缩机',
  motor: '电机',
  fan_motor: '风机电机',
  heat_exchanger: '换热器',
  pcb: '主控板',
  power_board: '电源板',
  panel: '屏幕面板',
  backlight: '背光灯条',
  tank: '内胆',
  heating_element: '加热管',
  igniter: '点火器',
  pump: '水泵',
  water_valve: '进水阀',
  drum: '内筒',
  door_seal: '门封条',
  thermostat: '温控器',
  sensor: '传感器',
  filter: '滤芯',
  remote_control: '遥控器',
};

// ---------------------------------------------------------------------------------------------
// Warranty policies

export type WarrantyStart = 'purchase' | 'delivery' | 'install';

/** Matches the contracts' warrantyPolicyBody, plus a stable key for models to refer to. */
export interface WarrantyPolicyTemplate {
  key: string;
  name: string;
  startsFrom: WarrantyStart;
  wholeUnitMonths: number;
  parts: readonly { partClass: PartClass; months: number }[];
  notes?: string;
}

export const warrantyPolicies: readonly WarrantyPolicyTemplate[] = [
  {
    key: 'national_basic',
    name: '国家三包 整机1年 主要部件3年',
    startsFrom: 'purchase',
    wholeUnitMonths: 12,
    parts: [
      { partClass: 'compressor', months: 36 },
      { partClass: 'motor', months: 36 },
      { partClass: 'pcb', months: 36 },
    ],
    notes: '按《部分商品修理更换退货责任规定》执行，凭购机发票计算三包有效期。',
  },
  {
    key: 'ac_6y_compressor_10y',
    name: '空调 整机6年 压缩机10年',
    startsFrom: 'install',
    wholeUnitMonths: 72,
    parts: [{ partClass: 'compressor', months: 120 }],
    notes: '自安装之日起计算；无安装记录的以购机发票日期为准。移机后保修期不重新计算。',
  },
  {
    key: 'ac_national',
    name: '空调 国家三包 整机1年 主要部件3年',
    startsFrom: 'purchase',
    wholeUnitMonths: 12,
    parts: [
      { partClass: 'compressor', months: 36 },
      { partClass: 'heat_exchanger', months: 36 },
      { partClass: 'fan_motor', months: 36 },
      { partClass: 'pcb', months: 36 },
    ],
  },
  {
    key: 'fridge_3y_compressor_12y',
    name: '冰箱 整机3年 变频压缩机12年',
    startsFrom: 'purchase',
    wholeUnitMonths: 36,
    parts: [{ partClass: 'compressor', months: 144 }],
  },
  {
    key: 'fridge_national',
    name: '冰箱 国家三包 整机1年 主要部件3年',
    startsFrom: 'purchase',
    wholeUnitMonths: 12,
    parts: [
      { partClass: 'compressor', months: 36 },
      { partClass: 'heat_exchanger', months: 36 },
      { partClass: 'thermostat', months: 36 },
      { partClass: 'pcb', months: 36 },
    ],
  },
  {
    key: 'washer_3y_motor_10y',
    name: '洗衣机 整机3年 电机10年',
    startsFrom: 'purchase',
    wholeUnitMonths: 36,
    parts: [{ partClass: 'motor', months: 120 }],
  },
  {
    key: 'water_heater_electric_3y_tank_8y',
    name: '电热水器 整机3年 内胆8年',
    startsFrom: 'install',
    wholeUnitMonths: 36,
    parts: [
      { partClass: 'tank', months: 96 },
      { partClass: 'heating_element', months: 60 },
    ],
    notes: '镁棒属易耗品，建议每1–2年检查更换。',
  },
  {
    key: 'water_heater_gas_3y',
    name: '燃气热水器 整机3年 换热器5年',
    startsFrom: 'install',
    wholeUnitMonths: 36,
    parts: [
      { partClass: 'heat_exchanger', months: 60 },
      { partClass: 'pcb', months: 60 },
    ],
    notes: '须由持证人员安装并使用合格烟管，私自安装或改装不在保修范围。',
  },
  {
    key: 'tv_1y_panel_3y',
    name: '电视 整机1年 屏幕3年（自签收日起）',
    startsFrom: 'delivery',
    wholeUnitMonths: 12,
    parts: [
      { partClass: 'panel', months: 36 },
      { partClass: 'pcb', months: 36 },
      { partClass: 'power_board', months: 36 },
    ],
    notes: '屏幕人为损坏（磕碰、进液）不在保修范围。',
  },
  {
    key: 'tv_3y_whole',
    name: '电视 整机3年 含屏幕',
    startsFrom: 'delivery',
    wholeUnitMonths: 36,
    parts: [],
  },
  {
    key: 'hood_5y_motor_10y',
    name: '油烟机 整机5年 电机10年',
    startsFrom: 'install',
    wholeUnitMonths: 60,
    parts: [{ partClass: 'motor', months: 120 }],
  },
  {
    key: 'dishwasher_2y_parts_5y',
    name: '洗碗机 整机2年 主要部件5年',
    startsFrom: 'install',
    wholeUnitMonths: 24,
    parts: [
      { partClass: 'pump', months: 60 },
      { partClass: 'heating_element', months: 60 },
      { partClass: 'pcb', months: 60 },
    ],
  },
  {
    key: 'purifier_1y_pump_3y',
    name: '净水器 整机1年 增压泵3年',
    startsFrom: 'install',
    wholeUnitMonths: 12,
    parts: [{ partClass: 'pump', months: 36 }],
    notes: '滤芯属易耗品，不在保修范围内，请按提示周期更换。',
  },
];

export const warrantyPolicyByKey: ReadonlyMap<string, WarrantyPolicyTemplate> = new Map(
  warrantyPolicies.map((p) => [p.key, p]),
);

// ---------------------------------------------------------------------------------------------
// Brands and models

export interface Brand {
  name: string;
  /** Latin brand name, also used in mail domains and serial numbers. */
  latin: string;
  categories: readonly ApplianceCategory[];
}

export const brands: readonly Brand[] = [
  { name: '澜湾', latin: 'LANWAN', categories: ['air_conditioner', 'refrigerator', 'washing_machine'] },
  { name: '焱迪', latin: 'YANDI', categories: ['range_hood', 'dishwasher', 'water_heater'] },
  { name: '晶屏', latin: 'JINGPING', categories: ['television'] },
  { name: '清泉源', latin: 'QINGQUAN', categories: ['water_purifier'] },
];

export interface ProductModelTemplate {
  code: string;
  name: string;
  category: ApplianceCategory;
  brand: string;
  /** Typical retail price in fen. */
  priceFen: number;
  /** Key into warrantyPolicies. */
  warrantyPolicyKey: string;
  /** Whether a technician installs it (then installation work orders make sense). */
  needsInstallation: boolean;
  /** Relative sales within its category. */
  weight: number;
}

function m(
  category: ApplianceCategory,
  brand: string,
  code: string,
  name: string,
  yuan: number,
  warrantyPolicyKey: string,
  needsInstallation: boolean,
  weight: number,
): ProductModelTemplate {
  return { code, name, category, brand, priceFen: yuan * 100, warrantyPolicyKey, needsInstallation, weight };
}

export const productModels: readonly ProductModelTemplate[] = [
  // 空调
  m(
    'air_conditioner',
    '澜湾',
    'KFR-26GW/BpR3DN1(1)',
    '变频冷暖壁挂式空调 大1匹',
    2299,
    'ac_6y_compressor_10y',
    true,
    20,
  ),
  m(
    'air_conditioner',
    '澜湾',
    'KFR-35GW/BpR3DN1(1)',
    '变频冷暖壁挂式空调 1.5匹',
    2799,
    'ac_6y_compressor_10y',
    true,
    30,
  ),
  m(
    'air_conditioner',
    '澜湾',
    'KFR-35GW/BpN8XA1(1)',
    '新一级能效 自清洁壁挂式空调 1.5匹',
    3499,
    'ac_6y_compressor_10y',
    true,
    15,
  ),
  m(
    'air_conditioner',
    '澜湾',
    'KFR-50GW/BpR3DN1(1)',
    '变频冷暖壁挂式空调 2匹',
    4599,
    'ac_6y_compressor_10y',
    true,
    8,
  ),
  m(
    'air_conditioner',
    '澜湾',
    'KFR-51LW/BpR3DN1(1)',
    '变频冷暖立柜式空调 2匹',
    5999,
    'ac_6y_compressor_10y',
    true,
    10,
  ),
  m(
    'air_conditioner',
    '澜湾',
    'KFR-72LW/BpN8XA1(1)',
    '新一级能效 立柜式空调 3匹',
    8299,
    'ac_6y_compressor_10y',
    true,
    6,
  ),
  m(
    'air_conditioner',
    '澜湾',
    'KFR-72T2W/BpN3-D1',
    '家用风管机 一拖一 3匹',
    8999,
    'ac_6y_compressor_10y',
    true,
    4,
  ),
  m(
    'air_conditioner',
    '澜湾',
    'KFR-26GW/N3A1',
    '定频冷暖壁挂式空调 1匹（工程款）',
    1799,
    'ac_national',
    true,
    5,
  ),
  // 冰箱
  m('refrigerator', '澜湾', 'BC-93K', '单门小冰箱 93升', 699, 'fridge_national', false, 6),
  m('refrigerator', '澜湾', 'BCD-215WTPM', '三门风冷冰箱 215升', 1999, 'fridge_3y_compressor_12y', false, 12),
  m(
    'refrigerator',
    '澜湾',
    'BCD-321WKPZM(E)',
    '法式多门冰箱 321升',
    2899,
    'fridge_3y_compressor_12y',
    false,
    12,
  ),
  m('refrigerator', '澜湾', 'BCD-470WTGPM', '法式四门冰箱 470升', 5499, 'fridge_3y_compressor_12y', false, 8),
  m(
    'refrigerator',
    '澜湾',
    'BCD-501WKPZM(E)',
    '十字对开门冰箱 501升',
    3999,
    'fridge_3y_compressor_12y',
    false,
    15,
  ),
  m(
    'refrigerator',
    '澜湾',
    'BCD-606WKPZM(E)',
    '对开门冰箱 606升',
    4599,
    'fridge_3y_compressor_12y',
    false,
    8,
  ),
  m('refrigerator', '澜湾', 'BD/BC-200KEM', '家用卧式冷柜 200升', 1299, 'fridge_national', false, 4),
  // 洗衣机
  m('washing_machine', '澜湾', 'XQB100-J37A', '全自动波轮洗衣机 10公斤', 1499, 'national_basic', false, 15),
  m(
    'washing_machine',
    '澜湾',
    'XQB120-BZ859',
    '直驱变频波轮洗衣机 12公斤',
    2299,
    'washer_3y_motor_10y',
    false,
    8,
  ),
  m(
    'washing_machine',
    '澜湾',
    'XQG100-BD14376LU1',
    '直驱变频滚筒洗衣机 10公斤',
    3199,
    'washer_3y_motor_10y',
    false,
    18,
  ),
  m(
    'washing_machine',
    '澜湾',
    'XQG100-HBD14376LU1',
    '洗烘一体滚筒洗衣机 10公斤',
    3999,
    'washer_3y_motor_10y',
    false,
    14,
  ),
  m('washing_machine', '澜湾', 'GBN100-176LU1', '热泵干衣机 10公斤', 4999, 'washer_3y_motor_10y', false, 5),
  m(
    'washing_machine',
    '澜湾',
    'XQG30-ZM3W',
    '壁挂式迷你滚筒洗衣机 3公斤',
    1999,
    'washer_3y_motor_10y',
    true,
    3,
  ),
  // 热水器
  m('water_heater', '焱迪', 'JSQ25-13WH3', '强排式燃气热水器 13升', 1599, 'water_heater_gas_3y', true, 12),
  m('water_heater', '焱迪', 'JSQ30-16WH5', '恒温燃气热水器 16升', 2199, 'water_heater_gas_3y', true, 16),
  m('water_heater', '焱迪', 'JSQ36-20WH7', '零冷水燃气热水器 20升', 3499, 'water_heater_gas_3y', true, 6),
  m(
    'water_heater',
    '焱迪',
    'DSZF-60A32',
    '储水式电热水器 60升 3200W',
    1399,
    'water_heater_electric_3y_tank_8y',
    true,
    14,
  ),
  m(
    'water_heater',
    '焱迪',
    'DSZF-80A32',
    '储水式电热水器 80升 3200W',
    1799,
    'water_heater_electric_3y_tank_8y',
    true,
    10,
  ),
  m('water_heater', '焱迪', 'RSJ-35/200RDN3-B', '空气能热水器 200升', 7999, 'national_basic', true, 2),
  // 电视
  m('television', '晶屏', '43E3N', '43英寸 全高清智能电视', 1299, 'tv_1y_panel_3y', false, 10),
  m('television', '晶屏', '55A6K', '55英寸 4K超高清智能电视', 2299, 'tv_1y_panel_3y', false, 18),
  m('television', '晶屏', '65A6K', '65英寸 4K超高清智能电视', 3299, 'tv_1y_panel_3y', false, 20),
  m('television', '晶屏', '75U7N', '75英寸 Mini LED 电视', 6999, 'tv_3y_whole', false, 8),
  m('television', '晶屏', '85U7N', '85英寸 Mini LED 电视', 9999, 'tv_3y_whole', false, 4),
  m('television', '晶屏', '100E7N', '100英寸 巨幕激光电视', 14999, 'tv_3y_whole', true, 1),
  // 油烟机
  m('range_hood', '焱迪', 'CXW-200-J25', '欧式顶吸油烟机', 1599, 'hood_5y_motor_10y', true, 8),
  m('range_hood', '焱迪', 'CXW-260-E900C15', '侧吸式油烟机 21立方', 2799, 'hood_5y_motor_10y', true, 16),
  m('range_hood', '焱迪', 'CXW-260-JQ01TS', '近吸式油烟机 23立方', 3299, 'hood_5y_motor_10y', true, 10),
  m('range_hood', '焱迪', 'CXW-300-X8S', '顶侧双吸油烟机 25立方', 4599, 'hood_5y_motor_10y', true, 6),
  m('range_hood', '焱迪', 'JJZT-X9', '集成灶 蒸烤一体', 7999, 'hood_5y_motor_10y', true, 3),
  // 洗碗机
  m('dishwasher', '焱迪', 'WQP6-3602A', '台式免安装洗碗机 6套', 1999, 'dishwasher_2y_parts_5y', false, 6),
  m('dishwasher', '焱迪', 'WQP8-W3802', '台嵌两用洗碗机 8套', 2599, 'dishwasher_2y_parts_5y', true, 6),
  m('dishwasher', '焱迪', 'WQP13-7713', '嵌入式洗碗机 13套', 4999, 'dishwasher_2y_parts_5y', true, 10),
  m('dishwasher', '焱迪', 'WQP15-V6', '嵌入式洗碗机 15套 热风烘干', 5999, 'dishwasher_2y_parts_5y', true, 5),
  m('dishwasher', '焱迪', 'WQP10-E9S', '水槽式洗碗机 果蔬净化', 6999, 'dishwasher_2y_parts_5y', true, 2),
  // 净水器
  m(
    'water_purifier',
    '清泉源',
    'QQY-RO600G-T2',
    'RO反渗透净水器 600G',
    1999,
    'purifier_1y_pump_3y',
    true,
    14,
  ),
  m(
    'water_purifier',
    '清泉源',
    'QQY-RO1000G-T5',
    '厨下式RO反渗透净水器 1000G',
    2999,
    'purifier_1y_pump_3y',
    true,
    10,
  ),
  m('water_purifier', '清泉源', 'QQY-JR-D3', '台式即热净饮机', 1599, 'purifier_1y_pump_3y', false, 6),
  m('water_purifier', '清泉源', 'QQY-QZ40', '前置过滤器 40微米反冲洗', 899, 'national_basic', true, 5),
  m('water_purifier', '清泉源', 'QQY-ZY5000', '全屋中央净水器', 5999, 'national_basic', true, 2),
];

export const productModelByCode: ReadonlyMap<string, ProductModelTemplate> = new Map(
  productModels.map((p) => [p.code, p]),
);

export function modelsOfCategory(category: ApplianceCategory): readonly ProductModelTemplate[] {
  return productModels.filter((p) => p.category === category);
}

/** A category by its weight, then a model of it by its weight. */
export function randomModel(rng: Random, category?: ApplianceCategory): ProductModelTemplate {
  const cat = category ?? rng.weighted(applianceCategories.map((c) => [c, categoryWeights[c]] as const));
  return rng.weighted(modelsOfCategory(cat).map((p) => [p, p.weight] as const));
}

// ---------------------------------------------------------------------------------------------
// Dealers

interface ChainStore {
  name: string;
  weight: number;
  /** Province codes where the chain has stores; everywhere when absent. */
  provinces?: readonly string[];
}

/** Bricks-and-mortar chains; stores are named after the district: 苏宁易购深圳南山店. */
export const dealerChains: readonly ChainStore[] = [
  { name: '苏宁易购', weight: 30 },
  { name: '国美电器', weight: 20 },
  { name: '五星电器', weight: 15, provinces: ['320000', '330000'] },
  { name: '大中电器', weight: 12, provinces: ['110000'] },
  { name: '永乐电器', weight: 10, provinces: ['310000'] },
  { name: '顺电', weight: 8, provinces: ['440000'] },
  { name: '红星美凯龙', weight: 4 },
  { name: '居然之家', weight: 4 },
];

/** Online shops (no store name). */
export const onlineDealers: readonly (readonly [string, number])[] = [
  ['京东自营', 30],
  ['天猫旗舰店', 22],
  ['拼多多百亿补贴', 8],
  ['抖音商城', 6],
  ['品牌官方商城', 5],
  ['唯品会', 2],
];

/**
 * Where a unit was bought, as written on the warranty card: 京东自营, 天猫旗舰店, 苏宁易购广州天河店,
 * 澜湾品牌专卖店（福田店）, 宝安宏达家电城 …
 */
export function dealerName(rng: Random, city?: City, brand?: string): string {
  const c = city ?? randomCity(rng);
  const kind = rng.weighted([
    ['online', 50],
    ['chain', 32],
    ['brand_store', 12],
    ['local', 6],
  ] as const);
  const district = randomDistrict(rng, c);
  const place = district
    ? shortPlaceName(district.name)
    : c.towns
      ? shortPlaceName(rng.pick(c.towns))
      : c.shortName;
  switch (kind) {
    case 'online':
      return rng.weighted(onlineDealers);
    case 'chain': {
      const chains = dealerChains.filter((s) => !s.provinces || s.provinces.includes(c.provinceCode));
      return `${rng.weighted(chains.map((s) => [s.name, s.weight] as const))}${c.shortName}${place}店`;
    }
    case 'brand_store':
      return `${brand ?? rng.pick(brands).name}品牌专卖店（${place}店）`;
    default:
      return `${place}${rng.pick(['宏达', '万家', '惠民', '金城', '百佳', '永兴'])}${rng.pick(['家电城', '电器商行', '家电卖场'])}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Serial and invoice numbers

/** Two-letter category codes used at the start of serial numbers. */
export const serialPrefixes: Readonly<Record<ApplianceCategory, string>> = {
  air_conditioner: 'KT',
  refrigerator: 'BX',
  washing_machine: 'XY',
  water_heater: 'RS',
  television: 'DS',
  range_hood: 'YJ',
  dishwasher: 'XW',
  water_purifier: 'JS',
};

/** Factory codes (顺德, 武汉, 合肥, 青岛, 芜湖, 中山). */
export const factoryCodes = ['SD', 'WH', 'HF', 'QD', 'WU', 'ZS'] as const;

/**
 * A serial number as printed on the rating plate, 18 characters: category, factory, production date
 * (yyMMdd), line letter and a 7-digit sequence, e.g. KTSD230517B0412345. Pass `sequence` to make
 * numbers unique by construction (units are unique per tenant by serial number).
 */
export function serialNumber(
  rng: Random,
  category: ApplianceCategory,
  madeOn: Date,
  sequence?: number,
): string {
  const yy = String(madeOn.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(madeOn.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(madeOn.getUTCDate()).padStart(2, '0');
  const line = rng.pick([...'ABCDEFGH']);
  const seq = sequence === undefined ? rng.digits(7) : String(sequence % 10_000_000).padStart(7, '0');
  return `${serialPrefixes[category]}${rng.pick(factoryCodes)}${yy}${mm}${dd}${line}${seq}`;
}

/**
 * A 20-digit fully-digital VAT invoice (全电发票) number: year, province, channel digit and a 15-digit
 * sequence, e.g. 24442000000123456789.
 */
export function invoiceNumber(rng: Random, issuedOn: Date, provinceCode = '440000'): string {
  const yy = String(issuedOn.getUTCFullYear() % 100).padStart(2, '0');
  return `${yy}${provinceCode.slice(0, 2)}${rng.int(1, 2)}${rng.digits(15)}`;
}
