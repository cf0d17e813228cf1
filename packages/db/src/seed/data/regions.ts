/**
 * Administrative regions of mainland China with their GB/T 2260 codes (as published by the Ministry of
 * Civil Affairs, 2023 edition), approximate centres and population-ish weights for sampling.
 *
 * Conventions:
 * - A province-level municipality (北京, 上海, 天津, 重庆) has one city, coded xx0100 and named after the
 *   municipality (GB/T 2260 calls it 市辖区), so every address has a province, a city and a district.
 * - A district's code starts with its city's first four digits; county-level cities (昆山市 320583) are
 *   listed with the districts.
 * - 东莞市 has no county-level divisions (its towns have 9-digit codes), so it has no districts; it has
 *   `towns` for address text instead.
 * - Coordinates are WGS-84-ish centres, good to a few kilometres; weights are populations in 10,000s,
 *   rounded, and only meant for sampling.
 */
import type { Random } from './random';

export interface District {
  code: string;
  name: string;
  lat: number;
  lng: number;
  weight: number;
}

export type AddressStyle = 'building' | 'beijing' | 'shanghai';

export interface City {
  code: string;
  name: string;
  /** Name without 市, as people say it: 深圳. */
  shortName: string;
  provinceCode: string;
  province: string;
  lat: number;
  lng: number;
  weight: number;
  /** Long-distance (landline) prefix with its leading 0: 0755. */
  areaCode: string;
  /** Local landline numbers have this many digits after the area code. */
  localDigits: 7 | 8;
  /** The city's main postal code; its first three digits are shared across the urban area. */
  postalCode: string;
  /** How residential addresses are written: 5栋2单元801 / 3号楼2单元501 / 1200弄5号302室. */
  addressStyle: AddressStyle;
  districts: readonly District[];
  /** Towns / sub-districts used in address text where there are no districts (东莞). */
  towns?: readonly string[];
  /** Real main roads of the city. */
  roads: readonly string[];
}

export interface Province {
  code: string;
  name: string;
  /** 广东, 北京 */
  shortName: string;
  lat: number;
  lng: number;
  cities: readonly City[];
}

type CityInput = Omit<City, 'provinceCode' | 'province'>;

function province(
  code: string,
  name: string,
  shortName: string,
  lat: number,
  lng: number,
  cities: readonly CityInput[],
): Province {
  return {
    code,
    name,
    shortName,
    lat,
    lng,
    cities: cities.map((c) => ({ ...c, provinceCode: code, province: name })),
  };
}

function d(code: string, name: string, lat: number, lng: number, weight: number): District {
  return { code, name, lat, lng, weight };
}

export const provinces: readonly Province[] = [
  province('110000', '北京市', '北京', 39.9042, 116.4074, [
    {
      code: '110100',
      name: '北京市',
      shortName: '北京',
      lat: 39.9042,
      lng: 116.4074,
      weight: 2185,
      areaCode: '010',
      localDigits: 8,
      postalCode: '100000',
      addressStyle: 'beijing',
      districts: [
        d('110101', '东城区', 39.9288, 116.4164, 70),
        d('110102', '西城区', 39.9123, 116.366, 110),
        d('110105', '朝阳区', 39.9215, 116.4435, 345),
        d('110106', '丰台区', 39.8585, 116.287, 200),
        d('110108', '海淀区', 39.9593, 116.2981, 313),
        d('110114', '昌平区', 40.2207, 116.2312, 226),
        d('110112', '通州区', 39.9097, 116.6566, 184),
      ],
      roads: [
        '建国路',
        '朝阳北路',
        '东三环中路',
        '西直门外大街',
        '中关村大街',
        '学院路',
        '知春路',
        '望京街',
        '北苑路',
        '广渠路',
        '万寿路',
        '安定门外大街',
        '北辰西路',
        '莲花池东路',
      ],
    },
  ]),
  province('120000', '天津市', '天津', 39.0842, 117.201, [
    {
      code: '120100',
      name: '天津市',
      shortName: '天津',
      lat: 39.0842,
      lng: 117.201,
      weight: 1364,
      areaCode: '022',
      localDigits: 8,
      postalCode: '300000',
      addressStyle: 'building',
      districts: [
        d('120101', '和平区', 39.1172, 117.2148, 35),
        d('120102', '河东区', 39.1284, 117.2516, 86),
        d('120103', '河西区', 39.1094, 117.2232, 82),
        d('120104', '南开区', 39.1382, 117.1503, 89),
        d('120116', '滨海新区', 39.0032, 117.7104, 206),
      ],
      roads: [
        '南京路',
        '卫津路',
        '友谊路',
        '黄河道',
        '红旗路',
        '复康路',
        '大沽南路',
        '十一经路',
        '中山路',
        '第二大街',
      ],
    },
  ]),
  province('310000', '上海市', '上海', 31.2304, 121.4737, [
    {
      code: '310100',
      name: '上海市',
      shortName: '上海',
      lat: 31.2304,
      lng: 121.4737,
      weight: 2487,
      areaCode: '021',
      localDigits: 8,
      postalCode: '200000',
      addressStyle: 'shanghai',
      districts: [
        d('310101', '黄浦区', 31.2317, 121.4846, 66),
        d('310104', '徐汇区', 31.1885, 121.4365, 111),
        d('310105', '长宁区', 31.2204, 121.4246, 69),
        d('310106', '静安区', 31.2447, 121.456, 97),
        d('310107', '普陀区', 31.2494, 121.3975, 124),
        d('310110', '杨浦区', 31.2595, 121.526, 124),
        d('310112', '闵行区', 31.1128, 121.3818, 265),
        d('310115', '浦东新区', 31.2214, 121.5447, 568),
      ],
      roads: [
        '南京西路',
        '淮海中路',
        '肇嘉浜路',
        '漕溪北路',
        '张杨路',
        '世纪大道',
        '浦东南路',
        '延安西路',
        '长宁路',
        '曹杨路',
        '中山北路',
        '四平路',
        '虹桥路',
        '沪闵路',
        '共和新路',
      ],
    },
  ]),
  province('500000', '重庆市', '重庆', 29.563, 106.5516, [
    {
      code: '500100',
      name: '重庆市',
      shortName: '重庆',
      lat: 29.563,
      lng: 106.5516,
      weight: 1500,
      areaCode: '023',
      localDigits: 8,
      postalCode: '400000',
      addressStyle: 'building',
      districts: [
        d('500103', '渝中区', 29.5531, 106.5688, 59),
        d('500105', '江北区', 29.6066, 106.5742, 93),
        d('500106', '沙坪坝区', 29.5412, 106.4577, 148),
        d('500107', '九龙坡区', 29.5025, 106.5108, 153),
        d('500108', '南岸区', 29.523, 106.6442, 119),
        d('500112', '渝北区', 29.7181, 106.6306, 219),
      ],
      roads: [
        '民生路',
        '中山一路',
        '北滨路',
        '南滨路',
        '建新南路',
        '金开大道',
        '黄山大道',
        '沙坪坝正街',
        '小龙坎正街',
        '谢家湾正街',
        '南城大道',
      ],
    },
  ]),
  province('440000', '广东省', '广东', 23.379, 113.7633, [
    {
      code: '440100',
      name: '广州市',
      shortName: '广州',
      lat: 23.1291,
      lng: 113.2644,
      weight: 1883,
      areaCode: '020',
      localDigits: 8,
      postalCode: '510000',
      addressStyle: 'building',
      districts: [
        d('440103', '荔湾区', 23.1259, 113.244, 112),
        d('440104', '越秀区', 23.129, 113.2668, 104),
        d('440105', '海珠区', 23.0839, 113.3173, 182),
        d('440106', '天河区', 23.1247, 113.3612, 224),
        d('440111', '白云区', 23.1648, 113.2731, 374),
        d('440112', '黄埔区', 23.1815, 113.4593, 120),
        d('440113', '番禺区', 22.9372, 113.3843, 265),
      ],
      roads: [
        '天河路',
        '天河北路',
        '体育西路',
        '中山大道',
        '环市东路',
        '广州大道中',
        '东风中路',
        '江南大道',
        '新港中路',
        '工业大道',
        '白云大道',
        '广园中路',
        '黄埔大道',
        '清河东路',
      ],
    },
    {
      code: '440300',
      name: '深圳市',
      shortName: '深圳',
      lat: 22.5431,
      lng: 114.0579,
      weight: 1768,
      areaCode: '0755',
      localDigits: 8,
      postalCode: '518000',
      addressStyle: 'building',
      districts: [
        d('440303', '罗湖区', 22.5482, 114.1316, 114),
        d('440304', '福田区', 22.5218, 114.0548, 155),
        d('440305', '南山区', 22.5333, 113.9305, 180),
        d('440306', '宝安区', 22.5551, 113.883, 447),
        d('440307', '龙岗区', 22.7204, 114.2465, 398),
        d('440309', '龙华区', 22.6967, 114.0448, 253),
      ],
      roads: [
        '深南大道',
        '滨海大道',
        '北环大道',
        '科苑路',
        '高新南七道',
        '南海大道',
        '沙河西路',
        '福华路',
        '彩田路',
        '红荔路',
        '东门中路',
        '宝安大道',
        '新湖路',
        '龙岗大道',
        '民治大道',
        '梅林路',
      ],
    },
    {
      code: '440600',
      name: '佛山市',
      shortName: '佛山',
      lat: 23.0215,
      lng: 113.1214,
      weight: 961,
      areaCode: '0757',
      localDigits: 8,
      postalCode: '528000',
      addressStyle: 'building',
      districts: [
        d('440604', '禅城区', 23.0095, 113.1224, 130),
        d('440605', '南海区', 23.0287, 113.1433, 366),
        d('440606', '顺德区', 22.805, 113.2935, 323),
        d('440607', '三水区', 23.1557, 112.8965, 80),
        d('440608', '高明区', 22.9003, 112.8929, 48),
      ],
      roads: [
        '季华路',
        '汾江中路',
        '岭南大道',
        '桂澜路',
        '南海大道',
        '佛山大道',
        '祖庙路',
        '魁奇路',
        '德胜东路',
      ],
    },
    {
      code: '441900',
      name: '东莞市',
      shortName: '东莞',
      lat: 23.0207,
      lng: 113.7518,
      weight: 1047,
      areaCode: '0769',
      localDigits: 8,
      postalCode: '523000',
      addressStyle: 'building',
      districts: [],
      towns: [
        '南城街道',
        '东城街道',
        '莞城街道',
        '万江街道',
        '松山湖',
        '虎门镇',
        '长安镇',
        '常平镇',
        '塘厦镇',
      ],
      roads: ['东莞大道', '鸿福路', '莞太路', '运河东路', '东城中路', '元美路', '东纵大道', '松山湖大道'],
    },
  ]),
  province('330000', '浙江省', '浙江', 29.1832, 120.0934, [
    {
      code: '330100',
      name: '杭州市',
      shortName: '杭州',
      lat: 30.2741,
      lng: 120.1551,
      weight: 1252,
      areaCode: '0571',
      localDigits: 8,
      postalCode: '310000',
      addressStyle: 'building',
      districts: [
        d('330102', '上城区', 30.2425, 120.1699, 132),
        d('330105', '拱墅区', 30.3196, 120.1419, 120),
        d('330106', '西湖区', 30.2596, 120.13, 115),
        d('330108', '滨江区', 30.2083, 120.2117, 50),
        d('330109', '萧山区', 30.1839, 120.2643, 200),
        d('330110', '余杭区', 30.2737, 120.0191, 130),
      ],
      roads: [
        '文三路',
        '文二路',
        '延安路',
        '解放路',
        '体育场路',
        '天目山路',
        '莫干山路',
        '凤起路',
        '庆春路',
        '江南大道',
        '滨盛路',
        '市心中路',
        '文一西路',
        '古墩路',
      ],
    },
    {
      code: '330200',
      name: '宁波市',
      shortName: '宁波',
      lat: 29.8683,
      lng: 121.544,
      weight: 962,
      areaCode: '0574',
      localDigits: 8,
      postalCode: '315000',
      addressStyle: 'building',
      districts: [
        d('330203', '海曙区', 29.8596, 121.5508, 100),
        d('330205', '江北区', 29.8869, 121.5554, 48),
        d('330206', '北仑区', 29.899, 121.8444, 82),
        d('330211', '镇海区', 29.9493, 121.7166, 50),
        d('330212', '鄞州区', 29.817, 121.5468, 160),
        d('330213', '奉化区', 29.6554, 121.4068, 58),
      ],
      roads: [
        '中山东路',
        '中山西路',
        '药行街',
        '百丈路',
        '四明中路',
        '宁穿路',
        '江东北路',
        '世纪大道',
        '明州路',
        '人民路',
      ],
    },
  ]),
  province('320000', '江苏省', '江苏', 32.9711, 119.455, [
    {
      code: '320100',
      name: '南京市',
      shortName: '南京',
      lat: 32.0603,
      lng: 118.7969,
      weight: 949,
      areaCode: '025',
      localDigits: 8,
      postalCode: '210000',
      addressStyle: 'building',
      districts: [
        d('320102', '玄武区', 32.0486, 118.7978, 54),
        d('320104', '秦淮区', 32.0391, 118.7947, 74),
        d('320105', '建邺区', 32.0035, 118.7318, 54),
        d('320106', '鼓楼区', 32.0663, 118.7698, 94),
        d('320113', '栖霞区', 32.0962, 118.909, 99),
        d('320114', '雨花台区', 31.9918, 118.7793, 61),
        d('320115', '江宁区', 31.9529, 118.8397, 193),
      ],
      roads: [
        '中山路',
        '中山北路',
        '中山南路',
        '中山东路',
        '北京西路',
        '汉中路',
        '龙蟠路',
        '草场门大街',
        '江东中路',
        '应天大街',
        '双龙大道',
        '胜太路',
        '仙林大道',
        '虎踞路',
      ],
    },
    {
      code: '320500',
      name: '苏州市',
      shortName: '苏州',
      lat: 31.299,
      lng: 120.5853,
      weight: 1291,
      areaCode: '0512',
      localDigits: 8,
      postalCode: '215000',
      addressStyle: 'building',
      districts: [
        d('320505', '虎丘区', 31.2951, 120.5664, 83),
        d('320506', '吴中区', 31.2624, 120.6322, 139),
        d('320507', '相城区', 31.369, 120.6422, 90),
        d('320508', '姑苏区', 31.3119, 120.6172, 92),
        d('320509', '吴江区', 31.1383, 120.6451, 155),
        d('320583', '昆山市', 31.3846, 120.9807, 209),
      ],
      roads: [
        '干将路',
        '人民路',
        '十全街',
        '竹辉路',
        '金鸡湖大道',
        '现代大道',
        '星湖街',
        '狮山路',
        '长江路',
        '东吴北路',
        '吴中大道',
        '松陵大道',
        '前进中路',
      ],
    },
  ]),
  province('510000', '四川省', '四川', 30.6171, 102.7103, [
    {
      code: '510100',
      name: '成都市',
      shortName: '成都',
      lat: 30.5728,
      lng: 104.0668,
      weight: 2140,
      areaCode: '028',
      localDigits: 8,
      postalCode: '610000',
      addressStyle: 'building',
      districts: [
        d('510104', '锦江区', 30.6574, 104.0832, 90),
        d('510105', '青羊区', 30.674, 104.0623, 96),
        d('510106', '金牛区', 30.6913, 104.0522, 127),
        d('510107', '武侯区', 30.6424, 104.0432, 120),
        d('510108', '成华区', 30.6598, 104.1019, 138),
        d('510116', '双流区', 30.5744, 103.9232, 146),
        d('510117', '郫都区', 30.7951, 103.9013, 139),
      ],
      roads: [
        '人民南路',
        '天府大道',
        '蜀都大道',
        '红星路',
        '蜀汉路',
        '科华北路',
        '玉林南路',
        '建设路',
        '府青路',
        '光华大道',
        '锦华路',
        '二环路东三段',
        '一环路西二段',
      ],
    },
  ]),
  province('420000', '湖北省', '湖北', 30.9756, 112.2707, [
    {
      code: '420100',
      name: '武汉市',
      shortName: '武汉',
      lat: 30.5928,
      lng: 114.3055,
      weight: 1377,
      areaCode: '027',
      localDigits: 8,
      postalCode: '430000',
      addressStyle: 'building',
      districts: [
        d('420102', '江岸区', 30.6004, 114.3091, 96),
        d('420103', '江汉区', 30.6015, 114.2709, 65),
        d('420104', '硚口区', 30.5823, 114.2149, 67),
        d('420105', '汉阳区', 30.5542, 114.2185, 84),
        d('420106', '武昌区', 30.5537, 114.3159, 126),
        d('420107', '青山区', 30.6396, 114.3846, 52),
        d('420111', '洪山区', 30.5002, 114.3437, 165),
      ],
      roads: [
        '解放大道',
        '中山大道',
        '建设大道',
        '京汉大道',
        '武珞路',
        '珞喻路',
        '中北路',
        '和平大道',
        '汉阳大道',
        '友谊大道',
        '关山大道',
        '青年路',
        '沿江大道',
        '鹦鹉大道',
      ],
    },
  ]),
  province('370000', '山东省', '山东', 36.3427, 118.1498, [
    {
      code: '370100',
      name: '济南市',
      shortName: '济南',
      lat: 36.6512,
      lng: 117.1201,
      weight: 941,
      areaCode: '0531',
      localDigits: 8,
      postalCode: '250000',
      addressStyle: 'building',
      districts: [
        d('370102', '历下区', 36.6665, 117.0767, 75),
        d('370103', '市中区', 36.6512, 116.9972, 72),
        d('370104', '槐荫区', 36.6517, 116.9009, 52),
        d('370105', '天桥区', 36.6783, 116.9871, 70),
        d('370112', '历城区', 36.6802, 117.0652, 111),
      ],
      roads: [
        '经十路',
        '泉城路',
        '历山路',
        '解放路',
        '和平路',
        '舜耕路',
        '花园路',
        '北园大街',
        '二环东路',
        '经四路',
        '工业南路',
      ],
    },
    {
      code: '370200',
      name: '青岛市',
      shortName: '青岛',
      lat: 36.0671,
      lng: 120.3826,
      weight: 1034,
      areaCode: '0532',
      localDigits: 8,
      postalCode: '266000',
      addressStyle: 'building',
      districts: [
        d('370202', '市南区', 36.067, 120.3913, 54),
        d('370203', '市北区', 36.0873, 120.3748, 106),
        d('370211', '黄岛区', 35.9608, 120.198, 190),
        d('370212', '崂山区', 36.1072, 120.4681, 51),
        d('370213', '李沧区', 36.1452, 120.4328, 73),
        d('370214', '城阳区', 36.3072, 120.3962, 111),
      ],
      roads: [
        '香港中路',
        '东海西路',
        '山东路',
        '延安三路',
        '南京路',
        '重庆南路',
        '长江中路',
        '海尔路',
        '辽阳西路',
        '正阳路',
        '九水东路',
      ],
    },
  ]),
  province('410000', '河南省', '河南', 33.882, 113.614, [
    {
      code: '410100',
      name: '郑州市',
      shortName: '郑州',
      lat: 34.7466,
      lng: 113.6254,
      weight: 1282,
      areaCode: '0371',
      localDigits: 8,
      postalCode: '450000',
      addressStyle: 'building',
      districts: [
        d('410102', '中原区', 34.7486, 113.613, 95),
        d('410103', '二七区', 34.7245, 113.6401, 76),
        d('410104', '管城回族区', 34.754, 113.6773, 65),
        d('410105', '金水区', 34.8005, 113.6605, 163),
        d('410108', '惠济区', 34.8675, 113.6168, 60),
      ],
      roads: [
        '花园路',
        '金水路',
        '中原路',
        '建设路',
        '农业路',
        '文化路',
        '大学路',
        '航海路',
        '嵩山路',
        '商都路',
        '郑汴路',
        '东风路',
      ],
    },
  ]),
  province('430000', '湖南省', '湖南', 27.6104, 111.7088, [
    {
      code: '430100',
      name: '长沙市',
      shortName: '长沙',
      lat: 28.2282,
      lng: 112.9388,
      weight: 1042,
      areaCode: '0731',
      localDigits: 8,
      postalCode: '410000',
      addressStyle: 'building',
      districts: [
        d('430102', '芙蓉区', 28.1854, 113.0324, 63),
        d('430103', '天心区', 28.1129, 112.9898, 75),
        d('430104', '岳麓区', 28.2351, 112.9313, 150),
        d('430105', '开福区', 28.257, 112.9858, 82),
        d('430111', '雨花区', 28.1358, 113.0357, 123),
      ],
      roads: [
        '五一大道',
        '芙蓉中路',
        '韶山北路',
        '劳动路',
        '人民路',
        '岳麓大道',
        '湘江中路',
        '芙蓉南路',
        '万家丽路',
        '金星路',
        '桐梓坡路',
      ],
    },
  ]),
  province('350000', '福建省', '福建', 26.0789, 117.9874, [
    {
      code: '350100',
      name: '福州市',
      shortName: '福州',
      lat: 26.0745,
      lng: 119.2965,
      weight: 845,
      areaCode: '0591',
      localDigits: 8,
      postalCode: '350000',
      addressStyle: 'building',
      districts: [
        d('350102', '鼓楼区', 26.0824, 119.3039, 69),
        d('350103', '台江区', 26.0529, 119.3144, 44),
        d('350104', '仓山区', 26.0466, 119.2739, 87),
        d('350105', '马尾区', 25.9891, 119.4553, 24),
        d('350111', '晋安区', 26.0827, 119.3287, 95),
      ],
      roads: [
        '五四路',
        '八一七路',
        '杨桥路',
        '工业路',
        '华林路',
        '福新路',
        '六一路',
        '湖东路',
        '金山大道',
        '福飞路',
      ],
    },
    {
      code: '350200',
      name: '厦门市',
      shortName: '厦门',
      lat: 24.4798,
      lng: 118.0894,
      weight: 531,
      areaCode: '0592',
      localDigits: 8,
      postalCode: '361000',
      addressStyle: 'building',
      districts: [
        d('350203', '思明区', 24.4452, 118.0824, 107),
        d('350205', '海沧区', 24.4842, 118.0326, 58),
        d('350206', '湖里区', 24.5127, 118.1466, 104),
        d('350211', '集美区', 24.5758, 118.097, 103),
        d('350212', '同安区', 24.7226, 118.152, 86),
        d('350213', '翔安区', 24.6185, 118.247, 70),
      ],
      roads: [
        '厦禾路',
        '湖滨南路',
        '嘉禾路',
        '莲前西路',
        '环岛路',
        '仙岳路',
        '思明南路',
        '湖里大道',
        '集美大道',
        '海沧大道',
        '吕岭路',
        '莲岳路',
      ],
    },
  ]),
  province('610000', '陕西省', '陕西', 35.1917, 108.8701, [
    {
      code: '610100',
      name: '西安市',
      shortName: '西安',
      lat: 34.3416,
      lng: 108.9398,
      weight: 1307,
      areaCode: '029',
      localDigits: 8,
      postalCode: '710000',
      addressStyle: 'building',
      districts: [
        d('610102', '新城区', 34.2669, 108.9604, 60),
        d('610103', '碑林区', 34.2563, 108.9341, 76),
        d('610104', '莲湖区', 34.2656, 108.9437, 102),
        d('610113', '雁塔区', 34.2222, 108.9487, 144),
        d('610112', '未央区', 34.2932, 108.9469, 122),
        d('610116', '长安区', 34.1583, 108.9073, 137),
      ],
      roads: [
        '长安路',
        '解放路',
        '东大街',
        '西大街',
        '雁塔路',
        '小寨东路',
        '科技路',
        '高新路',
        '唐延路',
        '未央路',
        '含光路',
        '太白南路',
        '友谊路',
      ],
    },
  ]),
];

/** Every city, flat, in the order above. */
export const cities: readonly City[] = provinces.flatMap((p) => p.cities);

/** Cities by GB/T 2260 code. */
export const cityByCode: ReadonlyMap<string, City> = new Map(cities.map((c) => [c.code, c]));

/** A city chosen with probability proportional to its weight. */
export function randomCity(rng: Random): City {
  return rng.weighted(cities.map((c) => [c, c.weight] as const));
}

/** A district of the city chosen by weight; undefined for a city without districts (东莞). */
export function randomDistrict(rng: Random, city: City): District | undefined {
  if (city.districts.length === 0) return undefined;
  return rng.weighted(city.districts.map((x) => [x, x.weight] as const));
}

/** A point uniformly within `km` kilometres of (lat, lng), rounded to 6 decimals (~0.1 m). */
export function randomPointNear(
  rng: Random,
  lat: number,
  lng: number,
  km: number,
): { lat: number; lng: number } {
  const r = km * Math.sqrt(rng.next());
  const theta = rng.next() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / 110.574;
  const dLng = (r * Math.sin(theta)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { lat: round(lat + dLat), lng: round(lng + dLng) };
}

/** A plausible postal code for the city: its 3-digit prefix, then 0 and two digits (e.g. 518052). */
export function postalCodeFor(rng: Random, city: City): string {
  return `${city.postalCode.slice(0, 3)}0${rng.int(0, 8)}${rng.int(0, 9)}`;
}

// ---------------------------------------------------------------------------------------------
// Street addresses

/** First halves of residential-compound (小区) names. */
export const compoundPrefixes = [
  '阳光',
  '锦绣',
  '翠湖',
  '金色',
  '碧水',
  '丽景',
  '滨江',
  '枫林',
  '紫荆',
  '怡景',
  '海悦',
  '御景',
  '世纪',
  '星河',
  '幸福',
  '和平',
  '东方',
  '新城',
  '君悦',
  '香榭',
  '绿洲',
  '万科',
  '保利',
  '中海',
  '华润',
  '招商',
  '龙湖',
  '碧桂园',
  '绿城',
  '金地',
  '富力',
  '恒大',
  '融创',
  '翡翠',
  '书香',
  '学府',
  '湖畔',
  '南湖',
  '桂花',
  '梧桐',
] as const;

/** Second halves of 小区 names. */
export const compoundSuffixes = [
  '花园',
  '家园',
  '小区',
  '名苑',
  '雅苑',
  '华庭',
  '公馆',
  '新村',
  '嘉园',
  '城',
  '府',
  '天地',
  '豪庭',
  '山庄',
  '水岸',
  '壹号',
  '悦府',
  '春天',
  '美地',
  '国际',
] as const;

/** Office buildings and industrial parks for business customers. */
export const officeBuildingNames = [
  '国际商务中心',
  '财富大厦',
  '金融中心',
  '科技大厦',
  '创业大厦',
  '时代广场',
  '环球中心',
  '中心广场',
  '世贸大厦',
  '星光大厦',
  '软件园',
  '科技园',
  '智谷',
  '产业园',
] as const;

export function compoundName(rng: Random): string {
  const name = rng.pick(compoundPrefixes) + rng.pick(compoundSuffixes);
  return rng.chance(0.15) ? name + rng.pick(['一期', '二期', '三期', '东区', '西区', '南区', '北区']) : name;
}

export interface StreetAddressOptions {
  /** home (default): a flat in a 小区; office: a room in an office building or park. */
  kind?: 'home' | 'office';
  /** Force the floor (for homes), e.g. to match a ticket text. */
  floor?: number;
}

export interface StreetAddressParts {
  /** The detail line: road, number, compound, building, unit and room. */
  detail: string;
  /** The floor the flat or office is on. */
  floor: number;
  /** Whether the building has a lift (older low-rise compounds often do not). */
  hasElevator: boolean;
}

function flatNumber(floor: number, rng: Random): string {
  return `${floor}${String(rng.int(1, 4)).padStart(2, '0')}`;
}

/** A structured residential or office address line for the city. */
export function streetAddressParts(
  rng: Random,
  city: City,
  options: StreetAddressOptions = {},
): StreetAddressParts {
  const road = rng.pick(city.roads);
  const roadNo = rng.int(1, 99) < 70 ? rng.int(1, 399) : rng.int(400, 2999);
  const town = city.towns && city.towns.length > 0 ? rng.pick(city.towns) : '';

  if (options.kind === 'office') {
    const tower = rng.pick(officeBuildingNames);
    const isPark = tower.endsWith('园') || tower === '智谷';
    const floor = options.floor ?? (isPark ? rng.int(1, 8) : rng.int(2, 38));
    const prefix = rng.pick([
      '华创',
      '中兴',
      '天安',
      '新世纪',
      '金融街',
      '高新',
      '国贸',
      '鼎盛',
      '中环',
      '华润',
    ]);
    const detail = isPark
      ? `${town}${road}${roadNo}号${prefix}${tower}${rng.int(1, 12)}栋${floor}楼`
      : `${town}${road}${roadNo}号${prefix}${tower}${rng.pick(['', 'A座', 'B座', '东塔', '西塔'])}${floor}层${floor}${String(rng.int(1, 20)).padStart(2, '0')}室`;
    return { detail, floor, hasElevator: true };
  }

  const highRise = rng.chance(0.7);
  const floor = options.floor ?? (highRise ? rng.int(2, 33) : rng.int(1, 7));
  const hasElevator = highRise || floor > 7 || rng.chance(0.15);
  const compound = compoundName(rng);
  const room = flatNumber(floor, rng);
  const building = rng.int(1, highRise ? 18 : 42);
  const unit = rng.int(1, 4);

  switch (city.addressStyle) {
    case 'beijing': {
      const detail = rng.chance(0.5)
        ? `${road}${compound}${building}号楼${unit}单元${room}`
        : `${road}${roadNo}号院${building}号楼${unit}单元${room}号`;
      return { detail, floor, hasElevator };
    }
    case 'shanghai': {
      const lane = rng.int(1, 160) * 10 + rng.pick([0, 0, 5, 8]);
      const detail = rng.chance(0.6)
        ? `${road}${lane}弄${building}号${room}室`
        : `${road}${lane}弄${compound}${building}号${room}室`;
      return { detail, floor, hasElevator };
    }
    default: {
      const form = rng.int(1, 3);
      const detail =
        form === 1
          ? `${town}${road}${roadNo}号${compound}${building}栋${unit}单元${room}`
          : form === 2
            ? `${town}${compound}${building}栋${room}室`
            : `${town}${road}${roadNo}号 ${compound}${building}栋${rng.pick(['A', 'B', 'C'])}座${room}`;
      return { detail, floor, hasElevator };
    }
  }
}

/** A residential (default) or office address line, e.g. "深南大道1001号阳光花园5栋2单元801". */
export function streetAddress(rng: Random, city: City, options: StreetAddressOptions = {}): string {
  return streetAddressParts(rng, city, options).detail;
}

/** A complete address matching the contracts' addressInput shape (plus floor and lift for ticket text). */
export interface GeneratedAddress {
  provinceCode: string;
  province: string;
  cityCode: string;
  city: string;
  districtCode?: string;
  district?: string;
  detail: string;
  postalCode: string;
  lat: number;
  lng: number;
  floor: number;
  hasElevator: boolean;
}

/** A full address in `city` (weighted random city when omitted), with coordinates near its district. */
export function randomAddress(
  rng: Random,
  city?: City,
  options: StreetAddressOptions = {},
): GeneratedAddress {
  const c = city ?? randomCity(rng);
  const district = randomDistrict(rng, c);
  const parts = streetAddressParts(rng, c, options);
  const centre = district ?? c;
  const point = randomPointNear(rng, centre.lat, centre.lng, district ? 3 : 10);
  const out: GeneratedAddress = {
    provinceCode: c.provinceCode,
    province: c.province,
    cityCode: c.code,
    city: c.name,
    detail: parts.detail,
    postalCode: postalCodeFor(rng, c),
    lat: point.lat,
    lng: point.lng,
    floor: parts.floor,
    hasElevator: parts.hasElevator,
  };
  if (district) {
    out.districtCode = district.code;
    out.district = district.name;
  }
  return out;
}
