/**
 * Chinese personal names, company names and e-mail addresses for demo data.
 *
 * Surname weights are per-10,000 shares of the population (Ministry of Public Security household
 * register figures, rounded); they only need to produce the familiar mix of 王/李/张 and the rest.
 */
import type { Random } from './random';
import { type City, randomCity } from './regions';

/** [surname, pinyin, weight per 10,000] */
export const surnames: readonly (readonly [string, string, number])[] = [
  ['王', 'wang', 712],
  ['李', 'li', 700],
  ['张', 'zhang', 674],
  ['刘', 'liu', 510],
  ['陈', 'chen', 461],
  ['杨', 'yang', 322],
  ['黄', 'huang', 245],
  ['赵', 'zhao', 219],
  ['吴', 'wu', 200],
  ['周', 'zhou', 195],
  ['徐', 'xu', 145],
  ['孙', 'sun', 138],
  ['马', 'ma', 129],
  ['朱', 'zhu', 126],
  ['胡', 'hu', 115],
  ['郭', 'guo', 113],
  ['何', 'he', 106],
  ['林', 'lin', 103],
  ['高', 'gao', 100],
  ['罗', 'luo', 86],
  ['郑', 'zheng', 83],
  ['梁', 'liang', 82],
  ['谢', 'xie', 71],
  ['宋', 'song', 66],
  ['唐', 'tang', 64],
  ['许', 'xu', 63],
  ['韩', 'han', 62],
  ['冯', 'feng', 60],
  ['邓', 'deng', 59],
  ['曹', 'cao', 57],
  ['彭', 'peng', 56],
  ['曾', 'zeng', 54],
  ['肖', 'xiao', 53],
  ['田', 'tian', 52],
  ['董', 'dong', 51],
  ['袁', 'yuan', 49],
  ['潘', 'pan', 47],
  ['于', 'yu', 46],
  ['蒋', 'jiang', 46],
  ['蔡', 'cai', 45],
  ['余', 'yu', 44],
  ['杜', 'du', 42],
  ['叶', 'ye', 41],
  ['程', 'cheng', 41],
  ['苏', 'su', 39],
  ['魏', 'wei', 38],
  ['吕', 'lv', 37],
  ['丁', 'ding', 36],
  ['任', 'ren', 35],
  ['沈', 'shen', 34],
  ['姚', 'yao', 33],
  ['卢', 'lu', 32],
  ['姜', 'jiang', 32],
  ['崔', 'cui', 31],
  ['钟', 'zhong', 30],
  ['谭', 'tan', 29],
  ['陆', 'lu', 28],
  ['汪', 'wang', 28],
  ['范', 'fan', 27],
  ['金', 'jin', 27],
  ['石', 'shi', 26],
  ['廖', 'liao', 25],
  ['贾', 'jia', 25],
  ['夏', 'xia', 24],
  ['韦', 'wei', 24],
  ['付', 'fu', 23],
  ['方', 'fang', 23],
  ['白', 'bai', 22],
  ['邹', 'zou', 22],
  ['孟', 'meng', 21],
  ['熊', 'xiong', 21],
  ['秦', 'qin', 21],
  ['邱', 'qiu', 20],
  ['江', 'jiang', 20],
  ['尹', 'yin', 19],
  ['薛', 'xue', 19],
  ['闫', 'yan', 18],
  ['段', 'duan', 18],
  ['雷', 'lei', 18],
  ['侯', 'hou', 17],
  ['龙', 'long', 17],
  ['史', 'shi', 17],
  ['陶', 'tao', 16],
  ['黎', 'li', 16],
  ['贺', 'he', 16],
  ['顾', 'gu', 16],
  ['毛', 'mao', 16],
  ['郝', 'hao', 15],
  ['龚', 'gong', 15],
  ['邵', 'shao', 15],
  ['万', 'wan', 15],
  ['钱', 'qian', 14],
  ['严', 'yan', 14],
  ['覃', 'qin', 13],
  ['武', 'wu', 13],
  ['戴', 'dai', 13],
  ['莫', 'mo', 13],
  ['孔', 'kong', 12],
  ['向', 'xiang', 12],
  ['汤', 'tang', 12],
  // Two-character (compound) surnames: rare, but customers do have them.
  ['欧阳', 'ouyang', 2],
  ['司马', 'sima', 1],
  ['诸葛', 'zhuge', 1],
  ['上官', 'shangguan', 1],
];

export type Gender = 'male' | 'female';

/**
 * Characters for composed given names, with their pinyin: `first` characters usually open a two-character
 * given name (志强, 晓燕), `last` characters close one or stand alone (伟, 芳).
 */
export const givenChars: Readonly<
  Record<
    Gender,
    { first: readonly (readonly [string, string])[]; last: readonly (readonly [string, string])[] }
  >
> = {
  male: {
    first: [
      ['志', 'zhi'],
      ['建', 'jian'],
      ['国', 'guo'],
      ['俊', 'jun'],
      ['浩', 'hao'],
      ['宇', 'yu'],
      ['子', 'zi'],
      ['家', 'jia'],
      ['明', 'ming'],
      ['文', 'wen'],
      ['海', 'hai'],
      ['永', 'yong'],
      ['立', 'li'],
      ['晓', 'xiao'],
      ['振', 'zhen'],
      ['德', 'de'],
      ['天', 'tian'],
      ['博', 'bo'],
      ['一', 'yi'],
      ['嘉', 'jia'],
      ['泽', 'ze'],
      ['思', 'si'],
      ['伟', 'wei'],
      ['鹏', 'peng'],
      ['金', 'jin'],
    ],
    last: [
      ['伟', 'wei'],
      ['强', 'qiang'],
      ['磊', 'lei'],
      ['军', 'jun'],
      ['勇', 'yong'],
      ['杰', 'jie'],
      ['涛', 'tao'],
      ['斌', 'bin'],
      ['超', 'chao'],
      ['明', 'ming'],
      ['刚', 'gang'],
      ['辉', 'hui'],
      ['鹏', 'peng'],
      ['飞', 'fei'],
      ['鑫', 'xin'],
      ['波', 'bo'],
      ['宇', 'yu'],
      ['浩', 'hao'],
      ['凯', 'kai'],
      ['健', 'jian'],
      ['轩', 'xuan'],
      ['睿', 'rui'],
      ['豪', 'hao'],
      ['铭', 'ming'],
      ['成', 'cheng'],
      ['荣', 'rong'],
      ['亮', 'liang'],
      ['毅', 'yi'],
      ['坤', 'kun'],
      ['华', 'hua'],
      ['峰', 'feng'],
      ['龙', 'long'],
      ['东', 'dong'],
      ['平', 'ping'],
      ['林', 'lin'],
      ['然', 'ran'],
      ['远', 'yuan'],
      ['阳', 'yang'],
      ['洋', 'yang'],
    ],
  },
  female: {
    first: [
      ['秀', 'xiu'],
      ['丽', 'li'],
      ['美', 'mei'],
      ['春', 'chun'],
      ['玉', 'yu'],
      ['桂', 'gui'],
      ['淑', 'shu'],
      ['晓', 'xiao'],
      ['思', 'si'],
      ['雨', 'yu'],
      ['梓', 'zi'],
      ['欣', 'xin'],
      ['佳', 'jia'],
      ['诗', 'shi'],
      ['嘉', 'jia'],
      ['一', 'yi'],
      ['子', 'zi'],
      ['可', 'ke'],
      ['静', 'jing'],
      ['海', 'hai'],
      ['雪', 'xue'],
      ['婉', 'wan'],
      ['慧', 'hui'],
      ['文', 'wen'],
    ],
    last: [
      ['芳', 'fang'],
      ['娜', 'na'],
      ['敏', 'min'],
      ['静', 'jing'],
      ['丽', 'li'],
      ['艳', 'yan'],
      ['娟', 'juan'],
      ['霞', 'xia'],
      ['玲', 'ling'],
      ['英', 'ying'],
      ['燕', 'yan'],
      ['红', 'hong'],
      ['梅', 'mei'],
      ['琳', 'lin'],
      ['雪', 'xue'],
      ['婷', 'ting'],
      ['慧', 'hui'],
      ['莹', 'ying'],
      ['晶', 'jing'],
      ['倩', 'qian'],
      ['颖', 'ying'],
      ['洁', 'jie'],
      ['琴', 'qin'],
      ['萍', 'ping'],
      ['怡', 'yi'],
      ['涵', 'han'],
      ['萱', 'xuan'],
      ['悦', 'yue'],
      ['蕾', 'lei'],
      ['璐', 'lu'],
      ['薇', 'wei'],
      ['兰', 'lan'],
      ['凤', 'feng'],
      ['彤', 'tong'],
      ['桐', 'tong'],
      ['妍', 'yan'],
      ['欣', 'xin'],
      ['华', 'hua'],
      ['晨', 'chen'],
    ],
  },
};

/**
 * Whole given names that are common as such (and sound like a generation: 建国 and 秀英 are grandparents,
 * 子轩 and 欣怡 are children), with the pinyin of each character.
 */
export const commonGivenNames: Readonly<Record<Gender, readonly (readonly [string, string])[]>> = {
  male: [
    ['建国', 'jianguo'],
    ['建华', 'jianhua'],
    ['国强', 'guoqiang'],
    ['志强', 'zhiqiang'],
    ['卫东', 'weidong'],
    ['建军', 'jianjun'],
    ['海涛', 'haitao'],
    ['永强', 'yongqiang'],
    ['德明', 'deming'],
    ['振华', 'zhenhua'],
    ['立新', 'lixin'],
    ['晓东', 'xiaodong'],
    ['子轩', 'zixuan'],
    ['浩然', 'haoran'],
    ['宇轩', 'yuxuan'],
    ['俊杰', 'junjie'],
    ['一鸣', 'yiming'],
    ['皓轩', 'haoxuan'],
    ['梓豪', 'zihao'],
    ['子墨', 'zimo'],
    ['思远', 'siyuan'],
    ['博文', 'bowen'],
    ['浩宇', 'haoyu'],
    ['天佑', 'tianyou'],
  ],
  female: [
    ['秀英', 'xiuying'],
    ['桂英', 'guiying'],
    ['秀兰', 'xiulan'],
    ['玉兰', 'yulan'],
    ['桂兰', 'guilan'],
    ['淑珍', 'shuzhen'],
    ['凤英', 'fengying'],
    ['丽华', 'lihua'],
    ['春梅', 'chunmei'],
    ['海燕', 'haiyan'],
    ['红梅', 'hongmei'],
    ['美玲', 'meiling'],
    ['晓燕', 'xiaoyan'],
    ['丹丹', 'dandan'],
    ['婷婷', 'tingting'],
    ['欣怡', 'xinyi'],
    ['梓涵', 'zihan'],
    ['雨桐', 'yutong'],
    ['子涵', 'zihan'],
    ['诗涵', 'shihan'],
    ['一诺', 'yinuo'],
    ['梓萱', 'zixuan'],
    ['思彤', 'sitong'],
    ['佳怡', 'jiayi'],
    ['可欣', 'kexin'],
    ['若曦', 'ruoxi'],
  ],
};

/** Surname → pinyin (吕 is written lv, as in most mail addresses). */
export const surnamePinyin: Readonly<Record<string, string>> = Object.fromEntries(
  surnames.map(([s, p]) => [s, p]),
);

/** Given-name character → pinyin for every character the generators use. */
export const givenCharPinyin: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  for (const g of Object.values(givenChars)) for (const [c, p] of [...g.first, ...g.last]) out[c] = p;
  // Characters that only occur in the whole names above.
  const extra: Record<string, string> = {
    卫: 'wei',
    新: 'xin',
    鸣: 'ming',
    皓: 'hao',
    墨: 'mo',
    佑: 'you',
    珍: 'zhen',
    丹: 'dan',
    诺: 'nuo',
    若: 'ruo',
    曦: 'xi',
  };
  return { ...out, ...extra };
})();

const compoundSurnames = surnames.filter(([s]) => s.length > 1).map(([s]) => s);
const surnameTable = surnames.map(([s, , w]) => [s, w] as const);

export function randomSurname(rng: Random): string {
  return rng.weighted(surnameTable);
}

export function randomGivenName(rng: Random, gender: Gender): string {
  if (rng.chance(0.3)) return rng.pick(commonGivenNames[gender])[0];
  const { first, last } = givenChars[gender];
  // About one in five people has a one-character given name (more common among the middle-aged).
  if (rng.chance(0.2)) return rng.pick(last)[0];
  const a = rng.pick(first)[0];
  let b = rng.pick(last)[0];
  // Doubled names (婷婷) come from the curated list only.
  while (b === a) b = rng.pick(last)[0];
  return a + b;
}

export interface PersonName {
  name: string;
  surname: string;
  givenName: string;
  gender: Gender;
}

export function person(rng: Random, gender?: Gender): PersonName {
  const g = gender ?? (rng.chance(0.5) ? 'male' : 'female');
  const surname = randomSurname(rng);
  const givenName = randomGivenName(rng, g);
  return { name: surname + givenName, surname, givenName, gender: g };
}

/** A full Chinese name, e.g. 王芳, 欧阳子轩. */
export function personName(rng: Random, gender?: Gender): string {
  return person(rng, gender).name;
}

/** Splits a Chinese name into surname and given name (compound surnames recognised). */
export function splitName(name: string): { surname: string; givenName: string } {
  const compound = compoundSurnames.find((s) => name.startsWith(s) && name.length > s.length);
  const surname = compound ?? name.slice(0, 1);
  return { surname, givenName: name.slice(surname.length) };
}

/** Polite form of address used by agents and technicians: 王女士 / 李先生. */
export function honorific(name: string, gender: Gender): string {
  return splitName(name).surname + (gender === 'male' ? '先生' : '女士');
}

/** How customers and colleagues address a technician: 李师傅. */
export function masterTitle(name: string): string {
  return splitName(name).surname + '师傅';
}

// ---------------------------------------------------------------------------------------------
// E-mail

/** [domain, weight]: what mainland users really use, QQ mail first. */
export const mailDomains: readonly (readonly [string, number])[] = [
  ['qq.com', 40],
  ['163.com', 24],
  ['126.com', 10],
  ['sina.com', 5],
  ['outlook.com', 5],
  ['gmail.com', 4],
  ['foxmail.com', 4],
  ['139.com', 3],
  ['hotmail.com', 2],
  ['sohu.com', 1],
];

const letters = 'abcdefghijklmnopqrstuvwxyz';

function pinyinOf(text: string, rng: Random): string {
  let out = '';
  for (const ch of text) {
    const p = givenCharPinyin[ch] ?? surnamePinyin[ch];
    if (p) out += p;
    else for (let i = 0; i < 3; i++) out += rng.pick([...letters]);
  }
  return out;
}

/** Pinyin of a Chinese name as [surname, given name]; unknown characters become random letters. */
export function namePinyin(name: string, rng: Random): [string, string] {
  const { surname, givenName } = splitName(name);
  const sur = surnamePinyin[surname] ?? pinyinOf(surname, rng);
  return [sur, pinyinOf(givenName, rng)];
}

/**
 * A plausible personal e-mail address for the name: wang.fang88@163.com, fangwang@outlook.com,
 * zhangwei1987@126.com, 2847561903@qq.com …
 */
export function emailFor(name: string, rng: Random): string {
  const domain = rng.weighted(mailDomains);
  if ((domain === 'qq.com' || domain === 'foxmail.com') && rng.chance(0.55)) {
    // QQ numbers: 5 to 10 digits, never starting with 0.
    return `${rng.int(1, 9)}${rng.digits(rng.int(4, 9))}@${domain}`;
  }
  const [sur, given] = namePinyin(name, rng);
  const year = String(rng.int(1960, 2006));
  const initials = given.length > 0 ? given[0] : '';
  const local = rng.weighted<() => string>([
    [() => `${sur}.${given}${rng.chance(0.6) ? rng.digits(2) : ''}`, 30],
    [() => `${sur}${given}${year}`, 20],
    [() => `${sur}${given}${rng.digits(rng.int(2, 3))}`, 15],
    [() => `${given}${sur}`, 8],
    [() => `${sur}_${given}`, 8],
    [() => `${sur}${initials}${rng.digits(3)}`, 8],
    [() => `${given}${year.slice(2)}${rng.digits(2)}`, 6],
    [() => `${sur}${given}`, 5],
  ])();
  return `${local}@${domain}`;
}

/** A company e-mail: the name's pinyin at the company's domain-like slug (e.g. liu.yang@huatong-wy.cn). */
export function workEmailFor(name: string, domain: string, rng: Random): string {
  const [sur, given] = namePinyin(name, rng);
  return rng.chance(0.6) ? `${sur}.${given}@${domain}` : `${given}${sur}@${domain}`;
}

// ---------------------------------------------------------------------------------------------
// Companies (business customers)

/** 字号: the distinctive part of a Chinese company name. */
export const tradeNames = [
  '华通',
  '鼎盛',
  '恒信',
  '宏达',
  '金桥',
  '瑞丰',
  '嘉禾',
  '天成',
  '永安',
  '博远',
  '中联',
  '万顺',
  '盛世',
  '绿源',
  '海纳',
  '润泽',
  '信达',
  '佳和',
  '锦程',
  '明德',
  '星辰',
  '安居',
  '乐家',
  '广厦',
  '和悦',
  '同创',
  '汇智',
  '启航',
  '创新',
  '富源',
] as const;

export const companyIndustries = [
  '物业管理',
  '餐饮管理',
  '酒店管理',
  '科技',
  '商贸',
  '电子',
  '实业',
  '物流',
  '建筑工程',
  '教育科技',
  '健身服务',
  '医疗器械',
  '房地产经纪',
  '家政服务',
  '食品',
  '服装',
] as const;

export const hotelKinds = [
  '国际酒店',
  '大酒店',
  '商务酒店',
  '宾馆',
  '精品酒店',
  '假日酒店',
  '酒店公寓',
] as const;
export const eateryKinds = ['火锅', '茶餐厅', '烧烤', '面馆', '酒家', '咖啡', '烘焙坊', '私房菜'] as const;

const cnDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 12 → 十二, 35 → 三十五 (1..99). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumber supports 1..99, got ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const t = tens === 0 ? '' : tens === 1 ? '十' : `${cnDigits[tens]}十`;
  return t + (ones === 0 ? '' : cnDigits[ones]);
}

/** 南山区 → 南山, 浦东新区 → 浦东, 管城回族区 → 管城, 昆山市 → 昆山, 虎门镇 → 虎门. */
export function shortPlaceName(name: string): string {
  return name.replace(/(回族区|新区|街道|区|市|镇)$/, '');
}

function localPlace(rng: Random, city: City): { name: string; short: string } {
  if (city.districts.length > 0) {
    const d = rng.pick(city.districts);
    return { name: d.name, short: shortPlaceName(d.name) };
  }
  const town = city.towns && city.towns.length > 0 ? rng.pick(city.towns) : city.shortName;
  return { name: town, short: shortPlaceName(town) };
}

/**
 * A business customer's name in the city (weighted random city when omitted): 深圳市华通物业管理有限公司,
 * 杭州西湖国际酒店, 成都锦江区实验小学, 武汉市第三人民医院, 蜀香园火锅（南山店）…
 */
export function companyName(rng: Random, city?: City): string {
  const c = city ?? randomCity(rng);
  const place = localPlace(rng, c);
  const trade = rng.pick(tradeNames);
  const kind = rng.weighted([
    ['company', 45],
    ['hotel', 12],
    ['school', 12],
    ['hospital', 8],
    ['eatery', 13],
    ['property', 10],
  ] as const);
  switch (kind) {
    case 'company':
      return `${c.name}${trade}${rng.pick(companyIndustries)}${rng.weighted([
        ['有限公司', 85],
        ['有限责任公司', 10],
        ['股份有限公司', 5],
      ] as const)}`;
    case 'hotel':
      return `${c.shortName}${rng.chance(0.5) ? place.short : trade}${rng.pick(hotelKinds)}`;
    case 'school':
      return rng.weighted([
        [`${c.shortName}${place.name}实验小学`, 4],
        [`${c.shortName}市第${chineseNumber(rng.int(1, 45))}中学`, 4],
        [`${c.shortName}${place.short}外国语学校`, 2],
        [`${place.name}${trade}幼儿园`, 3],
      ] as const);
    case 'hospital':
      return rng.weighted([
        [`${c.shortName}市第${chineseNumber(rng.int(1, 9))}人民医院`, 3],
        [`${c.shortName}${place.name}人民医院`, 3],
        [`${trade}口腔门诊部`, 2],
        [`${place.name}${trade}社区卫生服务中心`, 2],
      ] as const);
    case 'eatery':
      return `${trade}${rng.pick(eateryKinds)}（${place.short}店）`;
    default:
      return `${c.name}${trade}物业服务有限公司${place.short}分公司`;
  }
}
