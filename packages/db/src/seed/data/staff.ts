/**
 * Teams and staff of the demo tenant: an internal contact centre and back office, and authorised
 * service points (服务网点 / 特约维修站) in the cities of regions.ts.
 */
import type { Role } from '@manyi/contracts';
import { type Gender, namePinyin, person } from './names';
import type { Random } from './random';

export type TeamKind = 'internal' | 'service_point';

export interface TeamTemplate {
  /** Stable key for references in seed code. */
  key: string;
  name: string;
  kind: TeamKind;
  /** For service points: the city (GB/T 2260) it serves, and its home district where it has one. */
  cityCode?: string;
  districtCode?: string;
}

export const internalTeams: readonly TeamTemplate[] = [
  { key: 'cc1', name: '呼叫中心一组', kind: 'internal' },
  { key: 'cc2', name: '呼叫中心二组', kind: 'internal' },
  { key: 'cc_night', name: '呼叫中心夜班组', kind: 'internal' },
  { key: 'dispatch', name: '派工调度组', kind: 'internal' },
  { key: 'complaints', name: '投诉处理组', kind: 'internal' },
  { key: 'care', name: '客户关怀回访组', kind: 'internal' },
  { key: 'tech_support', name: '技术支持组', kind: 'internal' },
  { key: 'quality', name: '质量管理部', kind: 'internal' },
];

function sp(key: string, name: string, cityCode: string, districtCode?: string): TeamTemplate {
  return districtCode
    ? { key, name, kind: 'service_point', cityCode, districtCode }
    : { key, name, kind: 'service_point', cityCode };
}

export const servicePoints: readonly TeamTemplate[] = [
  sp('sp_sz_nanshan', '深圳南山服务网点', '440300', '440305'),
  sp('sp_sz_baoan', '深圳宝安特约维修站', '440300', '440306'),
  sp('sp_sz_longgang', '深圳龙岗服务网点', '440300', '440307'),
  sp('sp_gz_tianhe', '广州天河特约维修站', '440100', '440106'),
  sp('sp_gz_panyu', '广州番禺服务网点', '440100', '440113'),
  sp('sp_fs_shunde', '佛山顺德服务网点', '440600', '440606'),
  sp('sp_dg_nancheng', '东莞南城服务网点', '441900'),
  sp('sp_bj_chaoyang', '北京朝阳服务中心', '110100', '110105'),
  sp('sp_bj_haidian', '北京海淀特约维修站', '110100', '110108'),
  sp('sp_sh_pudong', '上海浦东特约维修站', '310100', '310115'),
  sp('sp_sh_minhang', '上海闵行服务网点', '310100', '310112'),
  sp('sp_tj_nankai', '天津南开特约维修站', '120100', '120104'),
  sp('sp_cq_yubei', '重庆渝北服务网点', '500100', '500112'),
  sp('sp_hz_xihu', '杭州西湖服务网点', '330100', '330106'),
  sp('sp_nb_yinzhou', '宁波鄞州服务网点', '330200', '330212'),
  sp('sp_nj_jiangning', '南京江宁服务网点', '320100', '320115'),
  sp('sp_su_wuzhong', '苏州吴中特约维修站', '320500', '320506'),
  sp('sp_cd_wuhou', '成都武侯特约维修站', '510100', '510107'),
  sp('sp_wh_hongshan', '武汉洪山服务网点', '420100', '420111'),
  sp('sp_jn_lixia', '济南历下服务网点', '370100', '370102'),
  sp('sp_qd_huangdao', '青岛黄岛特约维修站', '370200', '370211'),
  sp('sp_zz_jinshui', '郑州金水服务网点', '410100', '410105'),
  sp('sp_cs_yuelu', '长沙岳麓服务网点', '430100', '430104'),
  sp('sp_fz_gulou', '福州鼓楼服务网点', '350100', '350102'),
  sp('sp_xm_siming', '厦门思明服务网点', '350200', '350203'),
  sp('sp_xa_yanta', '西安雁塔服务网点', '610100', '610113'),
];

export const teams: readonly TeamTemplate[] = [...internalTeams, ...servicePoints];

export const teamByKey: ReadonlyMap<string, TeamTemplate> = new Map(teams.map((t) => [t.key, t]));

/** Service points in a city (by GB/T 2260 city code). */
export function servicePointsIn(cityCode: string): readonly TeamTemplate[] {
  return servicePoints.filter((t) => t.cityCode === cityCode);
}

export interface StaffMember {
  displayName: string;
  gender: Gender;
  role: Role;
  /** TeamTemplate.key, or null for staff outside any team (the administrator). */
  teamKey: string | null;
  /** 工号 */
  employeeNo: string;
  /** Pinyin mail local part, unique within the list: wang.fang, wang.fang2 … */
  emailLocal: string;
}

type StaffInput = readonly [displayName: string, gender: Gender, role: Role, teamKey: string | null];

const internalStaffInput: readonly StaffInput[] = [
  ['周建华', 'male', 'admin', null],
  ['林晓燕', 'female', 'supervisor', 'cc1'],
  ['郑海涛', 'male', 'supervisor', 'cc2'],
  ['王芳', 'female', 'agent', 'cc1'],
  ['李静', 'female', 'agent', 'cc1'],
  ['张敏', 'female', 'agent', 'cc1'],
  ['刘洋', 'male', 'agent', 'cc1'],
  ['陈晨', 'female', 'agent', 'cc1'],
  ['杨雪', 'female', 'agent', 'cc1'],
  ['赵磊', 'male', 'agent', 'cc2'],
  ['黄丽', 'female', 'agent', 'cc2'],
  ['吴婷婷', 'female', 'agent', 'cc2'],
  ['周佳怡', 'female', 'agent', 'cc2'],
  ['徐可欣', 'female', 'agent', 'cc2'],
  ['孙浩', 'male', 'agent', 'cc2'],
  ['马俊杰', 'male', 'agent', 'cc_night'],
  ['朱丹丹', 'female', 'agent', 'cc_night'],
  ['郭婷', 'female', 'dispatcher', 'dispatch'],
  ['何建军', 'male', 'dispatcher', 'dispatch'],
  ['高宇轩', 'male', 'dispatcher', 'dispatch'],
  ['唐秀兰', 'female', 'supervisor', 'complaints'],
  ['许志强', 'male', 'agent', 'complaints'],
  ['谢雨桐', 'female', 'agent', 'care'],
  ['宋晓东', 'male', 'agent', 'care'],
  ['韩博文', 'male', 'agent', 'tech_support'],
  ['罗思远', 'male', 'quality_manager', 'quality'],
  ['梁美玲', 'female', 'quality_manager', 'quality'],
];

/** Builds unique pinyin mail local parts and sequential 工号 (MY1001 …) for a list of people. */
export function withStaffIds(
  people: readonly StaffInput[],
  rng: Random,
  firstEmployeeNo = 1001,
  taken: Set<string> = new Set(),
): StaffMember[] {
  return people.map(([displayName, gender, role, teamKey], i) => {
    const [sur, given] = namePinyin(displayName, rng);
    const base = `${sur}.${given}`;
    let local = base;
    for (let n = 2; taken.has(local); n++) local = `${base}${n}`;
    taken.add(local);
    return { displayName, gender, role, teamKey, employeeNo: `MY${firstEmployeeNo + i}`, emailLocal: local };
  });
}

/**
 * The contact centre and back office: an administrator, supervisors, agents, dispatchers and quality
 * managers. All name characters have pinyin, so the rng passed to namePinyin is never used and the list
 * is fixed.
 */
export function internalStaff(rng: Random): StaffMember[] {
  return withStaffIds(internalStaffInput, rng);
}

/** A random staff display name (a full Chinese name). */
export function staffDisplayName(rng: Random, gender?: Gender): string {
  return person(rng, gender).name;
}

/**
 * People of one service point: a partner manager and 2–4 technicians (mostly men, as in the trade).
 * Pass the same `taken` set across calls to keep mail local parts unique.
 */
export function servicePointStaff(
  rng: Random,
  team: TeamTemplate,
  firstEmployeeNo: number,
  taken: Set<string> = new Set(),
): StaffMember[] {
  const people: StaffInput[] = [];
  const manager = person(rng, rng.chance(0.7) ? 'male' : 'female');
  people.push([manager.name, manager.gender, 'partner_manager', team.key]);
  const technicians = rng.int(2, 4);
  for (let i = 0; i < technicians; i++) {
    const tech = person(rng, rng.chance(0.92) ? 'male' : 'female');
    people.push([tech.name, tech.gender, 'technician', team.key]);
  }
  return withStaffIds(people, rng, firstEmployeeNo, taken);
}
