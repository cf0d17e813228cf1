/**
 * Work-order text in the customer's own words, plus what staff write around it: call summaries,
 * internal notes, public replies, resolution notes and tags.
 *
 * Templates contain {placeholders} that `fillTemplate` replaces with small random variations (time words,
 * rooms, floors, family members, appointment slots …), and `ticketText` adds openers and closers, so
 * thousands of generated work orders do not read alike.
 */
import type { TicketPriority, TicketType } from '@manyi/contracts';
import { chineseNumber, masterTitle, personName } from './names';
import { type ApplianceCategory, applianceCategories, categoryLabels, categoryWeights } from './products';
import type { Random } from './random';

export interface TicketTemplate {
  /** Short subject for the queue (may contain placeholders). */
  subject: string;
  /** The customer's words (may contain placeholders). */
  text: string;
  /** Only for these categories (installation, maintenance …); any category when absent. */
  categories?: readonly ApplianceCategory[];
  tags?: readonly string[];
  priority?: TicketPriority;
}

// ---------------------------------------------------------------------------------------------
// Tags

export const ticketTags = [
  '高温季',
  '寒潮',
  '重复报修',
  '以旧换新',
  '需二次上门',
  'VIP',
  '保内',
  '保外',
  '延保',
  '加急',
  '安全隐患',
  '配件待到',
  '老人独居',
  '工程机',
  '批量',
  '退换货',
  '催单',
  '差评风险',
  '节假日',
  '夜间上门',
  '高空作业',
  '移机',
  '电话指导解决',
] as const;
export type TicketTag = (typeof ticketTags)[number];

// ---------------------------------------------------------------------------------------------
// Error codes shown on displays (the fictional brands' codes)

export const errorCodes: Readonly<Record<ApplianceCategory, readonly string[]>> = {
  air_conditioner: ['E1', 'E5', 'E6', 'F0', 'F4', 'H6', 'P4'],
  refrigerator: ['E0', 'E6', 'F2', 'H1'],
  washing_machine: ['E21', 'E30', 'F13', 'Unb', 'E3'],
  water_heater: ['E1', 'E2', 'E5', 'F3'],
  television: [],
  range_hood: ['E1', 'E3'],
  dishwasher: ['E1', 'E4', 'E9'],
  water_purifier: ['E3', 'E5'],
};

// ---------------------------------------------------------------------------------------------
// Repair: per category, at least 8 each

export const repairTemplates: Readonly<Record<ApplianceCategory, readonly TicketTemplate[]>> = {
  air_conditioner: [
    { subject: '空调不制冷，外机不转', text: '空调开机十分钟后不制冷，外机不转，遥控显示{code}' },
    { subject: '挂机漏水', text: '{room}的挂机漏水，滴到床头柜上了，地上也湿了一片' },
    { subject: '外机噪音大', text: '{when}外机声音特别大，嗡嗡响，晚上吵得睡不着，邻居都来敲门了' },
    { subject: '空调不制热', text: '开制热吹出来是凉风，开了半个小时房间还是冷的，{family}', tags: ['寒潮'] },
    { subject: '开机有异味', text: '一开空调就有一股霉味，酸酸的，{room}那台最明显' },
    { subject: '空调开不了机', text: '空调通电后没反应，遥控和机身按键都没用，家里空开没跳' },
    { subject: '频繁停机', text: '空调开一会儿就停，过几分钟又自己启动，反复这样，面板显示{code}' },
    { subject: '管路结霜，制冷差', text: '外机铜管上结了一层霜，室内机出风不怎么冷' },
    { subject: '柜机出风口滴水', text: '柜机出风口一直有水珠，吹风的时候还有水雾喷出来' },
    { subject: '开空调跳闸', text: '一开空调家里就跳闸，别的电器都正常，{age}' },
    {
      subject: '制冷效果差，疑似缺氟',
      text: '{age}，今年制冷明显不如以前，开到16度也不凉快，是不是缺氟了？',
    },
  ],
  refrigerator: [
    { subject: '冷藏室不制冷', text: '冷藏室不制冷了，里面的菜都放坏了，冷冻室倒是正常' },
    { subject: '冰箱噪音大', text: '冰箱{when}嗡嗡响，声音比以前大很多，晚上在客厅都能听到' },
    { subject: '冷藏室结冰积水', text: '冷藏室后壁结了一层厚冰，下面还积了水' },
    { subject: '门封不严报警', text: '冰箱门关不严，门封条有一块翘起来了，老是嘀嘀报警' },
    { subject: '显示故障代码', text: '显示屏上显示{code}，一直在响，按什么键都没用' },
    { subject: '冰箱底部漏水', text: '冰箱底下漏水，每天早上起来地上一滩水' },
    { subject: '冷冻室不冻', text: '冷冻室温度降不下去，设的是零下18度，冰淇淋都化了' },
    { subject: '压缩机不停机', text: '冰箱压缩机一直在转，一直不停，这个月电费都高了不少' },
    { subject: '制冰机不出冰', text: '制冰机不出冰了，{age}' },
    { subject: '冰箱有异味', text: '冰箱里有股很重的异味，里里外外清理过了还是有，怀疑是排水孔堵了' },
  ],
  washing_machine: [
    { subject: '脱水剧烈晃动', text: '洗衣机脱水的时候晃得很厉害，整个机器都在跳，还有很大的撞击声' },
    { subject: '不排水，显示故障码', text: '洗到一半就停了，显示{code}，水放不出去，衣服还泡在里面' },
    { subject: '滚筒门打不开', text: '滚筒门打不开了，衣服锁在里面，断电等了半小时也打不开' },
    { subject: '洗衣机不进水', text: '洗衣机不进水，水龙头是开着的，一直显示进水中' },
    { subject: '洗衣机底部漏水', text: '洗衣机底部漏水，每次洗完卫生间地上都是水' },
    { subject: '烘干不热', text: '烘干功能不热了，烘了三个小时衣服还是湿的' },
    { subject: '洗衣机不开机', text: '按开机键没反应，面板不亮，插座换了一个也一样' },
    { subject: '衣服有黑色污渍', text: '洗完的衣服上有黑色小斑点，像是筒里面脏了，想报修顺便问问能不能清洗' },
    { subject: '波轮不转', text: '波轮不转了，电机嗡嗡响但就是转不起来' },
    { subject: '脱水异响', text: '脱水时有刺耳的摩擦声，像是金属刮擦的声音，{age}' },
  ],
  water_heater: [
    {
      subject: '热水器点不着火',
      text: '燃气热水器打不着火，开热水龙头只听到啪啪的点火声，然后显示{code}',
    },
    { subject: '水温忽冷忽热', text: '洗澡洗到一半突然变凉水，过一会儿又热了，忽冷忽热的，{family}' },
    {
      subject: '电热水器漏水',
      text: '电热水器漏水，从底部往下滴，下面就是插座，现在不敢用了',
      priority: 'urgent',
      tags: ['安全隐患'],
    },
    { subject: '加热慢', text: '电热水器加热特别慢，以前一个小时就热了，现在三四个小时还是温的' },
    {
      subject: '疑似漏电',
      text: '热水器漏电保护老跳，洗澡的时候感觉手有点麻，已经不敢用了',
      priority: 'urgent',
      tags: ['安全隐患'],
    },
    { subject: '出水量小', text: '热水器出水量很小，龙头开到最大也只有细细一股' },
    {
      subject: '热水器有燃气味',
      text: '燃气热水器运转的时候声音很大，像吹风机一样，还闻到一点燃气味',
      priority: 'urgent',
      tags: ['安全隐患'],
    },
    { subject: '显示屏不亮', text: '热水器显示屏不亮了，{age}' },
    { subject: '零冷水功能失效', text: '零冷水功能开了也没用，还是要放很久冷水才出热水' },
    { subject: '热水发黄', text: '热水出来是黄色的，有股铁锈味，冷水是正常的' },
  ],
  television: [
    { subject: '有声无图', text: '电视有声音没图像，屏幕是黑的' },
    { subject: '屏幕竖线', text: '屏幕上有一条竖线，{when}出现的，越来越明显' },
    { subject: '卡在开机画面', text: '电视开机后一直停在开机画面，进不去系统' },
    { subject: '反复重启', text: '电视自己反复重启，看一会儿就黑屏重启，{age}' },
    { subject: '遥控器失灵', text: '遥控器没反应，换了新电池也不行，电视机身上的按键可以用' },
    { subject: '屏幕局部暗影', text: '屏幕左边有一块发暗，像阴影一样，看白色画面特别明显' },
    { subject: '无法连接WiFi', text: '电视连不上家里的WiFi了，手机和电脑都能连上' },
    { subject: '无法开机，指示灯闪烁', text: '电视待机指示灯一直闪，按开机键打不开' },
    { subject: '电流声', text: '看电视时有滋滋的电流声，音量调小了也有' },
  ],
  range_hood: [
    { subject: '吸力变小', text: '油烟机吸力变小了，炒菜的时候烟都冒出来，满屋子油烟' },
    { subject: '运转异响', text: '油烟机开起来噪音特别大，还有咔咔的异响' },
    { subject: '油烟机滴油', text: '油烟机往下滴油，滴到灶台上了' },
    { subject: '按键失灵', text: '油烟机按键失灵，开了关不掉，只能拔插头' },
    { subject: '照明灯不亮', text: '油烟机照明灯不亮了，{when}开始的' },
    { subject: '挥手感应失灵', text: '挥手感应不灵了，要挥好几下才有反应' },
    { subject: '开机跳闸', text: '油烟机一开就跳闸，{age}' },
    { subject: '烟道倒灌', text: '烟道往回倒灌油烟味，楼上楼下做饭我家都闻得到' },
    { subject: '蒸箱报缺水', text: '集成灶的蒸箱不加热，一直显示缺水，但水箱是满的' },
  ],
  dishwasher: [
    { subject: '洗不干净', text: '洗碗机洗完碗上还有残渣，以前洗得挺干净的' },
    { subject: '漏水报警', text: '洗碗机底部漏水，显示{code}，一直在排水' },
    { subject: '烘干效果差', text: '洗完以后碗都是湿的，烘干没什么效果' },
    { subject: '不进水', text: '洗碗机不进水，程序启动一会儿就报{code}' },
    { subject: '运行噪音大', text: '洗碗机运行时噪音很大，有咚咚的敲击声' },
    { subject: '门关不上', text: '洗碗机门关不上，门锁扣不住' },
    { subject: '积水不排', text: '洗碗机里面积水排不掉，还有味道了' },
    { subject: '运行中途停机', text: '洗碗机洗到一半停了，面板的灯一直闪，{age}' },
  ],
  water_purifier: [
    { subject: '净水器不停机', text: '净水器一直在响，不停机，水槽下面的机器嗡嗡的' },
    { subject: '出水慢', text: '净水器出水越来越慢，接一杯水要等好久' },
    {
      subject: '净水器漏水，橱柜泡水',
      text: '净水器下面漏水，橱柜底板都泡了，我先把进水阀关了',
      priority: 'high',
    },
    { subject: '换芯后仍提示到期', text: '滤芯寿命灯一直是红的，刚换了新滤芯还是显示到期' },
    { subject: '出水有异味', text: '净水器出来的水有股怪味，像塑料味' },
    { subject: '废水不停', text: '净水器废水口一直流水，龙头关了也在排' },
    { subject: '不出热水', text: '即热净饮机出热水的时候显示{code}，只出凉水' },
    { subject: 'TDS值升高', text: 'TDS显示从以前的十几变成了一百多，水是不是没过滤？' },
    { subject: '龙头滴水', text: '净水器龙头关不严，一直滴水，{age}' },
  ],
};

// ---------------------------------------------------------------------------------------------
// Other types: at least 8 each

export const installationTemplates: readonly TicketTemplate[] = [
  {
    subject: '新机安装',
    text: '新买的{model}需要安装，希望{slot}来，{floor}',
    categories: ['air_conditioner', 'water_heater', 'range_hood', 'dishwasher', 'water_purifier'],
  },
  {
    subject: '多台空调安装',
    text: '买了两台挂机一台柜机，房子刚装修好，想约个时间一起装，墙上要重新打孔吗',
    categories: ['air_conditioner'],
    tags: ['批量'],
  },
  {
    subject: '安装咨询（外机位）',
    text: '外机位置在窗户外面，没有阳台，师傅能装吗？要不要额外收费？{floor}',
    categories: ['air_conditioner'],
    tags: ['高空作业'],
  },
  {
    subject: '燃气热水器安装',
    text: '燃气热水器已经送到了，想约师傅上门安装，家里是天然气，烟道孔是现成的',
    categories: ['water_heater'],
  },
  {
    subject: '净水器安装',
    text: '净水器收到了，要装在厨房水槽下面，台面要打孔吗？{slot}家里有人',
    categories: ['water_purifier'],
  },
  {
    subject: '电视挂装',
    text: '买了{model}，需要挂墙安装，墙是承重墙，挂架需要另外买吗',
    categories: ['television'],
  },
  {
    subject: '油烟机安装',
    text: '新房装修，油烟机和灶具想一起装，烟道已经留好了，{slot}可以吗',
    categories: ['range_hood'],
  },
  {
    subject: '洗碗机嵌入安装',
    text: '嵌入式洗碗机要安装，橱柜已经预留好了位置，宽度是60公分，进水出水也留好了',
    categories: ['dishwasher'],
  },
  {
    subject: '壁挂洗衣机安装',
    text: '壁挂洗衣机要装在阳台墙上，墙是空心砖的，能装吗',
    categories: ['washing_machine'],
  },
  {
    subject: '以旧换新安装+拆旧',
    text: '以旧换新买的{product}，师傅来装新机的时候能不能顺便把旧机拆走？',
    tags: ['以旧换新'],
  },
  {
    subject: '空调移机',
    text: '搬家了，{n}台挂机需要移机，新家离得不远，{floor}',
    categories: ['air_conditioner'],
    tags: ['移机'],
  },
  {
    subject: '预约安装',
    text: '{product}到货了，物流说安装要另外预约，我{slot}在家',
  },
];

export const maintenanceTemplates: readonly TicketTemplate[] = [
  { subject: '空调清洗', text: '夏天前想清洗一下空调，{n}台挂机', categories: ['air_conditioner'] },
  {
    subject: '空调保养',
    text: '空调用了好几年了，想做个保养，顺便检查一下要不要加氟',
    categories: ['air_conditioner'],
  },
  {
    subject: '更换滤芯',
    text: '净水器提示要换滤芯了，麻烦上门换一下，顺便看看还有哪几支快到期',
    categories: ['water_purifier'],
  },
  {
    subject: '热水器清洗、换镁棒',
    text: '电热水器用了两年多，想清洗一下内胆，顺便换镁棒',
    categories: ['water_heater'],
  },
  { subject: '油烟机清洗', text: '油烟机太油了，想约个深度清洗，{slot}方便', categories: ['range_hood'] },
  { subject: '洗衣机拆洗', text: '洗衣机筒里有霉味，想约拆筒清洗', categories: ['washing_machine'] },
  {
    subject: '燃气热水器安全检查',
    text: '燃气公司说热水器要做安全检查，你们能上门检查一下吗',
    categories: ['water_heater'],
  },
  {
    subject: '冰箱保养检查',
    text: '冰箱想做个保养检查，{age}，最近感觉耗电多了',
    categories: ['refrigerator'],
  },
  {
    subject: '洗碗机保养',
    text: '洗碗机过滤网不会拆，能不能派人来做一次保养，教一下怎么清洗',
    categories: ['dishwasher'],
  },
  {
    subject: '批量空调保养',
    text: '我们单位有{count}台空调要做换季保养，能不能一次安排，需要开发票',
    categories: ['air_conditioner'],
    tags: ['批量'],
  },
  {
    subject: '电视清灰升级',
    text: '电视用着有点卡，想请师傅来升级一下系统，顺便清清灰',
    categories: ['television'],
  },
];

export const complaintTemplates: readonly TicketTemplate[] = [
  {
    subject: '上门迟到，联系不上',
    text: '师傅约好上午来，等到下午三点都没人，打电话也不接，太耽误事了',
    priority: 'high',
  },
  {
    subject: '报修久无人处理',
    text: '报修{days}了还没人联系我，{product}还是坏的，{family}',
    tags: ['催单'],
  },
  {
    subject: '维修后反复故障',
    text: '师傅上门修完没两天又坏了，同样的问题，这已经是第三次了',
    tags: ['重复报修'],
    priority: 'high',
  },
  { subject: '收费不透明', text: '师傅收了我{amount}块钱，说是换了配件，但不给收据，也不给看旧件' },
  { subject: '保内被要求收费', text: '机器明明在保修期内，师傅说这个不在保修范围，要自费，发票我都有' },
  { subject: '安装损坏墙面', text: '安装的时候把墙打坏了一块，瓷砖也裂了，师傅说不是他的问题' },
  { subject: '客服电话难打通', text: '客服电话打了好几次都转不到人工，等了半个小时' },
  { subject: '服务态度差', text: '{tech}态度很差，说话很冲，还在我家阳台抽烟' },
  { subject: '等配件时间太长', text: '配件说要等，已经等了{days}了，每次问都说在路上', tags: ['配件待到'] },
  { subject: '多次改约', text: '约好的时间临时改了三次，我每次都请假在家等，能不能靠谱一点' },
  {
    subject: '新机故障要求换机',
    text: '新买的{product}用了不到一个月就坏了，要求换新机，不要修',
    tags: ['退换货'],
    priority: 'high',
  },
];

export const complimentTemplates: readonly TicketTemplate[] = [
  { subject: '表扬{tech}', text: '{tech}很专业，鞋套都穿了，走时还帮我把地擦干净' },
  { subject: '表扬上门服务', text: '{tech}准时到的，修得很快，还教我怎么清洗滤网，给你们点赞' },
  { subject: '表扬客服', text: '客服小姑娘很耐心，帮我查了半天保修记录，谢谢她' },
  {
    subject: '表扬维修师傅',
    text: '大热天{tech}在外机那边修了一个多小时，满头大汗，水都不肯喝一口，很感动',
  },
  { subject: '感谢加急处理', text: '周末晚上都派人来了，家里老人终于能洗上热水澡了，非常感谢' },
  { subject: '安装工艺好', text: '装机师傅管线走得很整齐，打孔也没弄脏墙，比上次别家装的好多了' },
  { subject: '师傅诚信', text: '{tech}帮我检查出来是插座的问题，不是机器坏了，也没收钱，很实在' },
  { subject: '服务满意', text: '回访电话很及时，问题都解决了，很满意' },
  { subject: '表扬热心服务', text: '{tech}修好后还顺便帮我看了另一台{product}，非常热心' },
];

export const suggestionTemplates: readonly TicketTemplate[] = [
  { subject: '建议缩短预约时段', text: '建议预约能精确到两个小时以内，不然要等一上午' },
  { subject: '希望线上查进度', text: '希望公众号能查维修进度，每次都要打电话问' },
  { subject: '说明书建议', text: '说明书字太小了，老人看不清，能不能出个视频教程' },
  {
    subject: '滤芯提醒建议',
    text: '滤芯更换提醒能不能发短信，APP老是不推送',
    categories: ['water_purifier'],
  },
  { subject: '建议提供师傅身份信息', text: '建议师傅上门前发个照片和工号，现在骗子多，不敢随便开门' },
  { subject: '建议公示收费标准', text: '收费标准能不能在网上公示，配件价格透明一点' },
  { subject: '遥控器简化建议', text: '遥控器按键太多了，老人不会用，能不能出个简易版' },
  { subject: '希望增加晚间上门', text: '希望晚上八点以后也能上门，上班族白天没时间' },
  {
    subject: '清洗套餐建议',
    text: '空调清洗能不能做成年卡套餐，每年到时间自动预约',
    categories: ['air_conditioner'],
  },
];

export const inquiryTemplates: readonly TicketTemplate[] = [
  { subject: '发票丢失能否保修', text: '保修期怎么算？发票丢了还能保修吗' },
  { subject: '保修起算日期', text: '{product}的保修期是几年，是从买的那天算还是安装那天算？' },
  {
    subject: '移机收费咨询',
    text: '空调移机怎么收费，一台挂机大概多少钱？',
    categories: ['air_conditioner'],
    tags: ['移机'],
  },
  { subject: '滤芯更换周期', text: '滤芯多久换一次，在哪里能买到正品？', categories: ['water_purifier'] },
  { subject: '以旧换新咨询', text: '以旧换新怎么操作，旧机能抵多少钱？', tags: ['以旧换新'] },
  { subject: '延保咨询', text: '延保怎么买，过了保修期还能买吗', tags: ['延保'] },
  {
    subject: '故障代码咨询',
    text: '{product}显示{code}是什么意思，要不要报修？',
    categories: [
      'air_conditioner',
      'refrigerator',
      'washing_machine',
      'water_heater',
      'dishwasher',
      'water_purifier',
    ],
  },
  {
    subject: '安装收费咨询',
    text: '安装要收哪些费用？空调铜管超出多少米要另外收费',
    categories: ['air_conditioner'],
  },
  { subject: '异地保修', text: '在外地买的{product}，在这边能保修吗' },
  { subject: '上门检测费', text: '师傅上门检查收不收费？如果最后不修的话？' },
  { subject: '维修发票', text: '维修能开发票吗？单位可以报销' },
];

export const ticketTemplates: Readonly<Record<Exclude<TicketType, 'repair'>, readonly TicketTemplate[]>> = {
  inquiry: inquiryTemplates,
  installation: installationTemplates,
  maintenance: maintenanceTemplates,
  complaint: complaintTemplates,
  compliment: complimentTemplates,
  suggestion: suggestionTemplates,
};

// ---------------------------------------------------------------------------------------------
// Placeholder vocabulary

export const timeWords = [
  '昨天晚上开始',
  '今天早上开始',
  '这两天',
  '上周开始',
  '前天开始',
  '从周末开始',
  '刚才突然',
  '最近一段时间',
] as const;

export const rooms = ['主卧', '次卧', '客厅', '孩子房间', '书房', '老人房间'] as const;

export const familyNotes = [
  '家里有老人，天热受不了',
  '孩子还小，比较着急',
  '家里有孕妇',
  '老人心脏不好，麻烦尽快',
  '家里有刚出生的宝宝',
  '家里老人一个人住',
  '小孩马上要考试了',
] as const;

export const appointmentSlots = [
  '明天上午',
  '明天下午',
  '周六上午',
  '周日下午',
  '这周末',
  '工作日晚上七点以后',
  '后天全天',
  '今天下午',
] as const;

export const ageNotes = [
  '才买了半年',
  '用了三年多了',
  '去年双十一买的',
  '刚装好两个月',
  '买了不到一年',
  '用了五六年了',
  '还在保修期内',
] as const;

export const waitDurations = ['两天', '三天', '四天', '一个星期', '十来天', '半个月'] as const;

const openers: readonly (readonly [string, number])[] = [
  ['', 40],
  ['你好，', 15],
  ['您好，', 10],
  ['喂，你好，', 5],
  ['麻烦问一下，', 4],
  ['我是老客户了，', 3],
];

const repairOpeners: readonly (readonly [string, number])[] = [
  ...openers,
  ['我要报修，', 8],
  ['报修一下，', 6],
];

const closersByType: Readonly<Record<TicketType, readonly (readonly [string, number])[]>> = {
  repair: [
    ['', 30],
    ['麻烦尽快安排一下。', 15],
    ['谢谢！', 8],
    ['师傅来之前先打个电话。', 8],
    ['我{slot}在家。', 12],
    ['{family}。', 8],
    ['电话打不通可以发短信。', 4],
    ['{floor}。', 6],
  ],
  installation: [
    ['', 40],
    ['谢谢。', 10],
    ['师傅来之前先打个电话。', 10],
    ['要自己准备什么材料吗？', 6],
  ],
  maintenance: [
    ['', 40],
    ['收费标准发我一下。', 10],
    ['我{slot}在家。', 12],
    ['谢谢。', 8],
  ],
  inquiry: [
    ['', 50],
    ['谢谢。', 15],
    ['麻烦回个电话。', 6],
  ],
  complaint: [
    ['', 30],
    ['希望给个说法。', 12],
    ['请你们领导给我回个电话。', 10],
    ['再不解决我就打12315了。', 6],
    ['太失望了。', 8],
  ],
  compliment: [
    ['', 40],
    ['谢谢！', 15],
    ['希望公司能表扬一下。', 10],
  ],
  suggestion: [
    ['', 50],
    ['谢谢。', 10],
    ['希望能采纳。', 8],
  ],
};

export interface TicketTextContext {
  type: TicketType;
  /** The unit's category; chosen (weighted) when left out and the template needs one. */
  category?: ApplianceCategory;
  /** Model name for {model}; the category label is used when absent. */
  modelName?: string;
  /** When the work order is opened, for seasonal tags (高温季, 寒潮). */
  date?: Date;
  /** The customer's floor and lift, for "住12楼，有电梯". */
  floor?: number;
  hasElevator?: boolean;
  /** Name of the technician the text may mention (李师傅); a random surname when absent. */
  technicianName?: string;
}

interface FillContext {
  category: ApplianceCategory;
  modelName?: string;
  floor?: number;
  hasElevator?: boolean;
  technicianName?: string;
}

function floorNote(rng: Random, ctx: FillContext): string {
  const floor = ctx.floor ?? rng.int(1, 32);
  const lift = ctx.hasElevator ?? (floor > 7 || rng.chance(0.4));
  if (floor <= 1) return '住一楼';
  return lift ? `住${floor}楼，有电梯` : `住${floor}楼，没电梯，楼梯比较窄`;
}

const fillers: Readonly<Record<string, (rng: Random, ctx: FillContext) => string>> = {
  when: (rng) => rng.pick(timeWords),
  room: (rng) => rng.pick(rooms),
  family: (rng) => rng.pick(familyNotes),
  slot: (rng) => rng.pick(appointmentSlots),
  age: (rng) => rng.pick(ageNotes),
  days: (rng) => rng.pick(waitDurations),
  n: (rng) => chineseNumber(rng.int(2, 4)).replace('二', '两'),
  count: (rng) => String(rng.int(2, 12) * 5),
  amount: (rng) => rng.pick(['两百', '三百', '四百', '五百', '六百', '八百']),
  floor: floorNote,
  product: (_rng, ctx) => categoryLabels[ctx.category],
  model: (_rng, ctx) => ctx.modelName ?? categoryLabels[ctx.category],
  code: (rng, ctx) => {
    const codes = errorCodes[ctx.category];
    return codes.length > 0 ? rng.pick(codes) : '故障代码';
  },
  tech: (rng, ctx) => masterTitle(ctx.technicianName ?? personName(rng, 'male')),
};

/** Names of the placeholders fillTemplate understands. */
export const placeholderNames: readonly string[] = Object.keys(fillers);

/** Replaces {placeholders}; throws on an unknown one so that typos in templates fail tests. */
export function fillTemplate(
  text: string,
  rng: Random,
  ctx: { category: ApplianceCategory } & Partial<FillContext>,
): string {
  return text.replace(/\{(\w+)\}/g, (_all, key: string) => {
    const fill = fillers[key];
    if (!fill) throw new Error(`unknown placeholder {${key}} in "${text}"`);
    return fill(rng, ctx);
  });
}

function randomCategory(rng: Random): ApplianceCategory {
  return rng.weighted(applianceCategories.map((c) => [c, categoryWeights[c]] as const));
}

/** The templates for a type that fit the category (all of the type's templates when none fit). */
export function templatesFor(type: TicketType, category: ApplianceCategory): readonly TicketTemplate[] {
  if (type === 'repair') return repairTemplates[category];
  const all = ticketTemplates[type];
  const fitting = all.filter((t) => !t.categories || t.categories.includes(category));
  return fitting.length > 0 ? fitting : all.filter((t) => !t.categories);
}

export interface GeneratedTicketText {
  subject: string;
  description: string;
  category: ApplianceCategory;
  priority: TicketPriority;
  tags: string[];
}

/** Seasonal and random tags on top of the template's own. */
function contextTags(rng: Random, type: TicketType, category: ApplianceCategory, date?: Date): string[] {
  const tags: string[] = [];
  const month = date ? date.getUTCMonth() + 1 : undefined;
  if (month !== undefined && category === 'air_conditioner' && type === 'repair') {
    if (month >= 6 && month <= 9 && rng.chance(0.7)) tags.push('高温季');
    if ((month === 12 || month <= 2) && rng.chance(0.4)) tags.push('寒潮');
  }
  if (rng.chance(0.05)) tags.push('VIP');
  if (type === 'repair') {
    if (rng.chance(0.06)) tags.push('重复报修');
    if (rng.chance(0.25)) tags.push(rng.chance(0.75) ? '保内' : '保外');
  }
  if (type === 'complaint' && rng.chance(0.4)) tags.push('差评风险');
  if (date && (type === 'repair' || type === 'installation')) {
    const md = (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
    const holiday = (md >= 101 && md <= 103) || (md >= 501 && md <= 505) || (md >= 1001 && md <= 1007);
    if (holiday && rng.chance(0.6)) tags.push('节假日');
  }
  return tags;
}

/**
 * A work order's subject, description, priority and tags, in the customer's own words. Repair texts are
 * specific to the category; for other types a category-fitting template is chosen.
 */
export function ticketText(rng: Random, context: TicketTextContext): GeneratedTicketText {
  const type = context.type;
  let category = context.category ?? randomCategory(rng);
  const candidates = templatesFor(type, category);
  const template = rng.pick(candidates);
  // A template restricted to other categories was a fallback: make the category match it.
  if (template.categories && !template.categories.includes(category))
    category = rng.pick(template.categories);
  const ctx: FillContext = {
    category,
    modelName: context.modelName,
    floor: context.floor,
    hasElevator: context.hasElevator,
    technicianName: context.technicianName ?? personName(rng, 'male'),
  };

  const opener = rng.weighted(type === 'repair' ? repairOpeners : openers);
  const body = fillTemplate(template.text, rng, ctx);
  const closer = fillTemplate(rng.weighted(closersByType[type]), rng, ctx);
  const sentenceEnd = /[。！？!?]$/.test(body) ? '' : /[吗呢么]$/.test(body) ? '？' : closer ? '，' : '。';
  const description = opener + body + sentenceEnd + closer;

  const subject = fillTemplate(template.subject, rng, ctx);
  const tags = [...new Set([...(template.tags ?? []), ...contextTags(rng, type, category, context.date)])];
  let priority: TicketPriority = template.priority ?? 'normal';
  if (!template.priority) {
    if (type === 'compliment' || type === 'suggestion') priority = 'low';
    else if (type === 'inquiry') priority = rng.chance(0.8) ? 'low' : 'normal';
    else if (rng.chance(0.12)) priority = 'high';
    else if (rng.chance(0.05)) priority = 'low';
  }
  if (tags.includes('VIP') && priority === 'normal') priority = 'high';
  return { subject, description, category, priority, tags };
}

/**
 * A short subject from a description, as the API might derive one: the first clause without a leading
 * greeting, cut to `max` characters with an ellipsis.
 */
export function deriveSubject(description: string, max = 20): string {
  const withoutGreeting = description
    .trim()
    .replace(/^(喂，)?(你好|您好|麻烦问一下|我要报修|报修一下)[，,。！!\s]*/u, '');
  const firstClause = withoutGreeting.split(/[。！？!?\n]/u)[0]?.trim() ?? '';
  const text = firstClause || withoutGreeting;
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

// ---------------------------------------------------------------------------------------------
// What staff write

export interface StaffTextContext {
  /** Technician's name (李志强 → 李师傅). */
  technicianName?: string;
  category?: ApplianceCategory;
}

function staffFill(text: string, rng: Random, ctx: StaffTextContext = {}): string {
  return fillTemplate(text, rng, {
    category: ctx.category ?? randomCategory(rng),
    technicianName: ctx.technicianName,
  });
}

export const callSummaries: Readonly<Record<TicketType, readonly string[]>> = {
  repair: [
    '已与客户确认故障现象，预约{slot}上门',
    '客户来电报修，已登记故障现象及机器条码，转派工调度',
    '已核实购机发票，机器在保修期内，告知客户免费维修',
    '机器已过保，已告知客户上门检测费及配件参考价，客户同意上门',
    '指导客户断电重启并复位，故障仍在，安排上门',
    '指导客户清洗滤网后恢复正常，客户表示暂不需要上门',
    '与网点确认配件预计{days}后到货，已告知客户',
    '客户要求改约至{slot}，已通知网点',
  ],
  installation: [
    '客户预约安装，已确认送货完成及安装位置，预约{slot}',
    '已告知客户安装辅材收费标准，客户无异议',
    '客户询问外机安装条件，已说明需现场勘查，安排师傅上门',
    '以旧换新订单，已备注上门时拆旧',
  ],
  maintenance: [
    '客户预约清洗保养，已报价并预约{slot}',
    '已告知客户滤芯更换价格，客户同意上门更换',
    '单位客户批量保养，已收集台数和地址，转调度统一排期',
    '客户询问保养周期，已解释并预约{slot}',
  ],
  inquiry: [
    '客户咨询保修政策，已解释整机及主要部件保修期限，客户表示理解',
    '客户咨询发票遗失如何保修，已告知可凭订单截图或按出厂日期计算',
    '客户咨询以旧换新流程，已告知活动规则及预约方式',
    '客户咨询故障代码含义，已指导自查，如仍有问题再报修',
    '客户咨询延保购买，已发送购买链接短信',
  ],
  complaint: [
    '客户反映师傅未按时上门，已联系网点核实，承诺2小时内回电',
    '客户情绪较激动，已安抚并升级至班长处理',
    '客户投诉收费问题，已调取维修记录，转质量管理部核实',
    '客户要求换机，已登记诉求，转主管审批',
    '回电客户，告知处理结果，客户基本接受',
  ],
  compliment: ['客户来电表扬{tech}，已记录并转质量管理部', '客户对本次服务表示满意，已致谢'],
  suggestion: ['客户提出服务建议，已记录并转相关部门', '客户建议增加线上进度查询，已致谢并记录'],
};

export const commonCallSummaries = [
  '客户未接听，已发送短信告知',
  '回访客户，确认问题已解决，客户满意',
  '回访客户，客户表示还有小问题，已重新跟进',
  '客户来电催单，已催促网点尽快联系',
] as const;

/** An agent's call summary for a work order of the type. */
export function callSummary(rng: Random, type: TicketType, ctx: StaffTextContext = {}): string {
  const pool = rng.chance(0.2) ? commonCallSummaries : callSummaries[type];
  return staffFill(rng.pick(pool), rng, ctx);
}

export const internalNotes = [
  '客户为VIP，优先安排',
  '疑似主控板故障，上门带主板和电容',
  '网点反馈：配件已申请，物流单号待补',
  '同一地址30天内第二次报修，请质检关注',
  '客户家有老人独居，上门前务必先电话联系',
  '外机在高层外墙，需高空作业，安排两人并带安全绳',
  '已核实机器条码，生产日期与发票相符',
  '客户对上次维修不满意，本次安排组长上门',
  '燃气泄漏风险，已提醒客户关闭总阀并开窗通风，加急派单',
  '等配件中，预计周四到网点',
  '客户要求开维修发票，抬头已记在客户备注里',
  '客户只能周末在家，派单时注意',
  '小区门禁需要提前登记，客户会在门岗报备',
  '{tech}已电话联系客户，约好{slot}',
  '保外维修报价已发客户，等客户确认',
] as const;

/** A staff-only note on a work order. */
export function internalNote(rng: Random, ctx: StaffTextContext = {}): string {
  return staffFill(rng.pick(internalNotes), rng, ctx);
}

export const publicReplies: Readonly<Record<TicketType, readonly string[]>> = {
  repair: [
    '您好，已为您安排{tech}于{slot}上门，请保持电话畅通，师傅出发前会提前与您联系。',
    '您好，您的机器在保修期内，本次维修不收取费用。如有人员收费，请拒绝并拨打服务热线反馈。',
    '您好，所需配件正在调拨中，预计{days}内到货，到货后我们会第一时间与您联系预约上门时间。',
    '您好，建议您先检查空气开关是否跳闸，并断电5分钟后重新通电。如仍无法使用，请回复本消息，我们安排上门。',
  ],
  installation: [
    '您好，已为您预约{slot}安装，请提前清理安装位置，师傅上门前会电话联系您。',
    '您好，安装所需的标准辅材免费提供，超出部分按公示价格收取，师傅会现场出示收费标准。',
  ],
  maintenance: [
    '您好，已为您预约{slot}上门清洗保养，费用以师傅现场出示的收费标准为准。',
    '您好，滤芯更换已安排，师傅会携带原装滤芯上门，请核对包装上的防伪码。',
  ],
  inquiry: [
    '您好，发票遗失时可提供电商平台订单截图或机器条码，我们将按出厂日期顺延3个月计算保修期。',
    '您好，{product}的保修期以保修卡和购机凭证为准，整机及主要部件的保修年限请见说明书保修条款。',
    '您好，空调移机按实际安装条件收费，挂机移机一般150元起，具体以师傅上门评估为准。',
  ],
  complaint: [
    '非常抱歉给您带来不便。我们已核实情况并对相关人员进行了处理，稍后主管会与您电话联系。',
    '抱歉让您久等了，我们已将您的工单加急处理，{tech}会在今天内与您联系。',
  ],
  compliment: ['感谢您的认可！我们已将您的表扬转达给{tech}及其所在网点。', '感谢您的肯定，我们会继续努力！'],
  suggestion: [
    '感谢您的宝贵建议，我们已转交相关部门评估。',
    '感谢您的反馈，您的建议已记录，我们会持续改进服务。',
  ],
};

export const closingReply =
  '您好，您的工单已处理完毕，如仍有问题请在7天内回复本消息，我们将为您重新跟进。' as const;

/** A reply the customer sees. */
export function publicReply(rng: Random, type: TicketType, ctx: StaffTextContext = {}): string {
  return staffFill(rng.chance(0.1) ? closingReply : rng.pick(publicReplies[type]), rng, ctx);
}

// ---------------------------------------------------------------------------------------------
// Resolution, cancellation and reopening notes (for status transitions)

export const repairResolutions: Readonly<Record<ApplianceCategory, readonly string[]>> = {
  air_conditioner: [
    '更换外机启动电容，试机制冷正常',
    '疏通排水管并调整内机水平，漏水问题解决',
    '检漏补焊后加注冷媒R32，出风温度正常',
    '更换室内机主控板，试机正常',
    '清洗室内机蒸发器及滤网，异味消除',
    '更换外机风机电机，运行正常',
  ],
  refrigerator: [
    '更换温控器，冷藏室温度恢复正常',
    '更换门封条，门体密封良好',
    '疏通排水孔，清除后壁积冰',
    '更换冷藏风扇电机，制冷恢复',
  ],
  washing_machine: [
    '清理排水泵异物（硬币一枚），排水正常',
    '拆除运输螺栓并调平底脚，脱水平稳',
    '更换门锁开关，门锁工作正常',
    '更换进水阀，进水正常',
  ],
  water_heater: [
    '更换点火针并清理燃烧器，点火正常',
    '更换镁棒并清洗内胆',
    '更换温控器，水温稳定',
    '更换漏电保护插头，绝缘检测合格',
  ],
  television: [
    '更换背光灯条，显示正常',
    '升级系统固件后不再重启',
    '更换电源板，开机正常',
    '更换主板，试机正常',
  ],
  range_hood: ['清洗风轮和油网，吸力恢复', '更换电机，运行正常', '更换按键板', '加装止逆阀，倒灌问题解决'],
  dishwasher: ['清洗过滤网和喷臂，洗涤效果恢复', '更换进水阀，进水正常', '更换排水泵，排水正常'],
  water_purifier: ['更换RO膜及前置滤芯，出水正常', '更换高压开关，停机正常', '更换快接头，漏水解决'],
};

export const resolutionsByType: Readonly<Record<Exclude<TicketType, 'repair'>, readonly string[]>> = {
  installation: [
    '安装完成，试机正常，已讲解使用方法',
    '已完成拆旧装新，旧机已带走',
    '安装完成，辅材按标准收费，客户已签字确认',
  ],
  maintenance: ['已完成清洗保养，运行正常', '已更换全部到期滤芯，冲洗后出水正常', '已完成安全检查，无异常'],
  inquiry: ['已解答客户疑问', '已发送保修政策说明短信'],
  complaint: [
    '已向客户致歉，网点已处理责任人并重新安排上门，客户接受处理结果',
    '已退还多收费用，客户表示认可',
    '经审批为客户办理换机，客户满意',
  ],
  compliment: ['已记录表扬并通报网点'],
  suggestion: ['建议已转产品及服务部门评估'],
};

export const remoteResolutions = ['电话指导客户操作后恢复正常，无需上门', '客户自行复位后恢复正常'] as const;

/** A resolution note for moving a work order to `resolved`. */
export function resolutionNote(rng: Random, type: TicketType, category?: ApplianceCategory): string {
  if (type === 'repair') {
    if (rng.chance(0.1)) return rng.pick(remoteResolutions);
    return rng.pick(repairResolutions[category ?? randomCategory(rng)]);
  }
  return rng.pick(resolutionsByType[type]);
}

export const cancelReasons = [
  '客户自行恢复正常，取消上门',
  '重复工单，已合并处理',
  '客户已找其他维修',
  '客户退货，无需安装',
  '连续3天联系不上客户',
  '非本品牌产品',
] as const;

export const reopenReasons = [
  '客户反映故障再次出现',
  '客户对处理结果不满意，要求重新处理',
  '师傅走后同样的问题又出现了',
  '配件到货后仍未修好',
] as const;
