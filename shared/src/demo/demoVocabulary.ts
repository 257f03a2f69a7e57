import { Industry } from '../domain/industry.ts'
import { Stage } from '../domain/stage.ts'

/**
 * Words for the demo ledger, modelled on a real district's 2022 key-project ledger (159 projects,
 * 19 units, 9 包抓领导). Everything is written here rather than read from a fixture file: a user's
 * clone has no fixtures, and the demo board must look the same on every machine.
 */

export const DEMO_LEADERS: readonly { name: string; title: string }[] = [
  { name: '李建国', title: '区委书记' },
  { name: '张卫东', title: '区长' },
  { name: '王海平', title: '常务副区长' },
  { name: '赵丽华', title: '副区长' },
  { name: '陈志强', title: '副区长' },
  { name: '刘晓军', title: '副区长' },
  { name: '孙文博', title: '副区长' },
  { name: '周明亮', title: '区委常委、组织部部长' },
  { name: '吴国栋', title: '区委常委、经开区党工委书记' },
]

/** The leaders who sponsor the largest projects themselves (书记, 区长). */
export const DEMO_TOP_LEADERS: readonly string[] = ['李建国', '张卫东']

export const DEMO_UNITS: readonly string[] = [
  '发改局',
  '工信局',
  '商务局',
  '住建局',
  '农业农村局',
  '文体广旅局',
  '能源局',
  '卫健局',
  '教育局',
  '交通运输局',
  '水务局',
  '经开区管委会',
  '城东街道',
  '城西街道',
  '河滨街道',
  '北塬镇',
  '南川镇',
  '石桥镇',
  '柳湾乡',
]

/** Towns and sub-districts own projects on their own ground: the location follows the unit. */
export const DEMO_TOWN_LOCATION: Readonly<Record<string, string>> = {
  城东街道: '城东片区',
  城西街道: '城西片区',
  河滨街道: '河滨新区',
  北塬镇: '北塬镇',
  南川镇: '南川镇',
  石桥镇: '石桥镇',
  柳湾乡: '柳湾乡',
}

/** Investor names that prefix an enterprise project ("华能" + "高性能纤维项目"). */
export const DEMO_COMPANIES: readonly string[] = [
  '华能',
  '联创',
  '中科',
  '辰星',
  '汇川',
  '远景',
  '新宇',
  '嘉禾',
  '晟通',
  '恒信',
  '龙腾',
  '泰和',
  '金川',
  '博润',
  '星海',
  '盛世',
  '锦程',
  '永盛',
  '鑫源',
  '清源',
  '宏达',
  '天聚',
  '正和',
  '瑞丰',
  '华泰',
  '东方',
  '京能',
  '国润',
  '海创',
  '立信',
]

export interface DemoProduct {
  /** Name after the investor's: "高性能纤维项目". */
  name: string
  /** 建设内容及规模, with {area} for the floor area in 平方米. */
  scope: string
  /** Who owns this kind of work, when it is narrower than the cluster's units (a school: 教育局). */
  units?: readonly (readonly [string, number])[]
}

export interface DemoCluster {
  cluster: string
  industry: Industry
  /** Share of a ledger's projects in this cluster (the district ledger's mix). */
  weight: number
  /** Enterprise projects: investor name + product. */
  products: readonly DemoProduct[]
  /** Public or area projects, named without an investor and numbered by phase (一期, 二期 …). */
  publicWorks: readonly DemoProduct[]
  /** Share of projects in this cluster that are public works. */
  publicShare: number
  units: readonly (readonly [string, number])[]
  locations: readonly string[]
}

const HEALTH_UNITS = [
  ['卫健局', 3],
  ['住建局', 1],
] as const
const EDUCATION_UNITS = [
  ['教育局', 3],
  ['住建局', 1],
] as const

export const DEMO_CLUSTERS: readonly DemoCluster[] = [
  {
    cluster: '新材料',
    industry: Industry.secondary,
    weight: 9,
    publicShare: 0,
    products: [
      { name: '高性能纤维项目', scope: '新建碳纤维原丝及碳化生产线，总建筑面积约{area}平方米' },
      { name: '纳米碳黑项目', scope: '建设年产2万吨纳米碳黑生产线，总建筑面积约{area}平方米' },
      { name: '煤基新材料项目', scope: '建设煤基特种材料生产装置及配套工程，总建筑面积约{area}平方米' },
      { name: '锂电负极材料项目', scope: '建设年产5万吨锂电负极材料生产线，总建筑面积约{area}平方米' },
    ],
    publicWorks: [],
    units: [
      ['工信局', 5],
      ['经开区管委会', 4],
      ['发改局', 1],
    ],
    locations: ['高新技术产业园', '经开区', '河滨新区'],
  },
  {
    cluster: '新能源',
    industry: Industry.secondary,
    weight: 12,
    publicShare: 0.25,
    products: [
      {
        name: '200MW光伏发电项目',
        scope: '建设200MW光伏电站及110kV升压站',
        units: [
          ['能源局', 2],
          ['北塬镇', 1],
          ['南川镇', 1],
        ],
      },
      { name: '储能电站项目', scope: '建设100MW/200MWh电化学储能电站，总建筑面积约{area}平方米' },
      { name: '氢能产业园项目', scope: '建设制氢、储氢及加氢一体化设施，总建筑面积约{area}平方米' },
      {
        name: '风电场项目',
        scope: '安装风电机组25台，配套建设升压站及集电线路',
        units: [
          ['能源局', 2],
          ['北塬镇', 1],
        ],
      },
    ],
    publicWorks: [{ name: '新能源微电网示范项目', scope: '建设园区分布式光伏及智能微电网，总建筑面积约{area}平方米' }],
    units: [
      ['能源局', 3],
      ['发改局', 2],
      ['经开区管委会', 2],
      ['北塬镇', 1],
    ],
    locations: ['北塬镇', '经开区', '物流园区', '南川镇'],
  },
  {
    cluster: '生物医药',
    industry: Industry.secondary,
    weight: 16,
    publicShare: 0,
    products: [
      { name: '原料药扩产项目', scope: '新建原料药合成车间及GMP洁净厂房，总建筑面积约{area}平方米' },
      { name: '中药饮片加工项目', scope: '建设中药饮片炮制及提取生产线，总建筑面积约{area}平方米' },
      { name: '生物医药产业园项目', scope: '建设标准化厂房、研发中试平台及配套设施，总建筑面积约{area}平方米' },
      { name: '医疗器械生产基地项目', scope: '建设医用耗材及诊断试剂生产线，总建筑面积约{area}平方米' },
    ],
    publicWorks: [],
    units: [
      ['工信局', 4],
      ['经开区管委会', 4],
      ['发改局', 1],
    ],
    locations: ['高新技术产业园', '经开区'],
  },
  {
    cluster: '装备制造',
    industry: Industry.secondary,
    weight: 15,
    publicShare: 0,
    products: [
      { name: '汽车零部件项目', scope: '建设冲压、焊装及总装生产线，总建筑面积约{area}平方米' },
      { name: '精密线切割设备项目', scope: '建设数控线切割机床生产线，总建筑面积约{area}平方米' },
      { name: '智能装备制造项目', scope: '建设工业机器人及智能产线装配车间，总建筑面积约{area}平方米' },
      { name: '农机装备项目', scope: '建设大中型农机整机及零部件生产线，总建筑面积约{area}平方米' },
    ],
    publicWorks: [],
    units: [
      ['工信局', 5],
      ['经开区管委会', 4],
      ['石桥镇', 1],
    ],
    locations: ['经开区', '高新技术产业园', '石桥镇'],
  },
  {
    cluster: '电子信息',
    industry: Industry.secondary,
    weight: 9,
    publicShare: 0,
    products: [
      { name: '电子元器件生产线项目', scope: '建设片式电感、电容生产线，总建筑面积约{area}平方米' },
      { name: '光电显示模组生产线项目', scope: '建设液晶显示模组及背光源生产线，总建筑面积约{area}平方米' },
      { name: '数据中心项目', scope: '建设机柜3000架的数据中心及配套动力设施，总建筑面积约{area}平方米' },
    ],
    publicWorks: [],
    units: [
      ['工信局', 4],
      ['经开区管委会', 3],
      ['发改局', 1],
    ],
    locations: ['高新技术产业园', '经开区', '城东片区'],
  },
  {
    cluster: '固废综合利用',
    industry: Industry.secondary,
    weight: 12,
    publicShare: 0,
    products: [
      { name: '工业固废综合利用项目', scope: '建设年处理50万吨工业固废综合利用生产线，总建筑面积约{area}平方米' },
      { name: '建筑垃圾资源化项目', scope: '建设建筑垃圾破碎分选及再生骨料生产线，总建筑面积约{area}平方米' },
      { name: '废旧电池回收利用项目', scope: '建设废旧动力电池拆解及材料再生生产线，总建筑面积约{area}平方米' },
    ],
    publicWorks: [],
    units: [
      ['工信局', 3],
      ['住建局', 2],
      ['经开区管委会', 2],
      ['石桥镇', 1],
    ],
    locations: ['经开区', '石桥镇', '现代农业示范园', '河滨新区'],
  },
  {
    cluster: '现代农业',
    industry: Industry.primary,
    weight: 17,
    publicShare: 0.2,
    products: [
      { name: '设施蔬菜产业园项目', scope: '建设日光温室及智能连栋温室，总建筑面积约{area}平方米' },
      { name: '中药材种植加工项目', scope: '建设中药材种植基地及初加工车间，总建筑面积约{area}平方米' },
      { name: '农产品精深加工项目', scope: '建设果蔬清洗、分级、冷藏及精深加工生产线，总建筑面积约{area}平方米' },
      { name: '万头生猪养殖基地项目', scope: '建设标准化猪舍及粪污资源化处理设施，总建筑面积约{area}平方米' },
    ],
    publicWorks: [{ name: '高标准农田建设项目', scope: '新建高标准农田2万亩，配套灌溉渠系及田间道路' }],
    units: [
      ['农业农村局', 4],
      ['北塬镇', 2],
      ['南川镇', 2],
      ['柳湾乡', 2],
      ['石桥镇', 1],
    ],
    locations: ['现代农业示范园', '北塬镇', '南川镇', '柳湾乡'],
  },
  {
    cluster: '商贸服务',
    industry: Industry.tertiary,
    weight: 16,
    publicShare: 0.3,
    products: [
      { name: '购物广场项目', scope: '建设集购物、餐饮、娱乐于一体的购物广场，总建筑面积约{area}平方米' },
      { name: '商业综合体项目', scope: '建设商业综合体及地下停车场，总建筑面积约{area}平方米' },
      { name: '星级酒店项目', scope: '建设五星级标准酒店及会议中心，总建筑面积约{area}平方米' },
    ],
    publicWorks: [{ name: '特色商业街区改造项目', scope: '改造提升街区立面、管网及公共空间，总建筑面积约{area}平方米' }],
    units: [
      ['商务局', 5],
      ['城东街道', 2],
      ['城西街道', 2],
      ['河滨街道', 1],
    ],
    locations: ['城东片区', '城西片区', '河滨新区'],
  },
  {
    cluster: '现代物流',
    industry: Industry.tertiary,
    weight: 10,
    publicShare: 0.3,
    products: [
      { name: '智慧物流园项目', scope: '建设智能仓储、分拨中心及信息平台，总建筑面积约{area}平方米' },
      { name: '冷链物流中心项目', scope: '建设冷库及冷链配送中心，总建筑面积约{area}平方米' },
    ],
    publicWorks: [{ name: '铁路物流基地', scope: '建设铁路专用线、集装箱堆场及仓储设施，总建筑面积约{area}平方米' }],
    units: [
      ['商务局', 3],
      ['交通运输局', 3],
      ['经开区管委会', 1],
    ],
    locations: ['物流园区', '经开区'],
  },
  {
    cluster: '文化旅游',
    industry: Industry.tertiary,
    weight: 11,
    publicShare: 0.5,
    products: [
      { name: '特色小镇项目', scope: '建设民宿、文创街区及游客服务中心，总建筑面积约{area}平方米' },
      { name: '乡村旅游综合体项目', scope: '建设田园观光、农事体验及住宿设施，总建筑面积约{area}平方米' },
    ],
    publicWorks: [
      { name: '湿地公园景区建设项目', scope: '建设湿地保护修复、栈道及游客中心，总建筑面积约{area}平方米' },
      { name: '滨河文化公园项目', scope: '建设文化广场、景观廊道及配套服务设施，总建筑面积约{area}平方米' },
    ],
    units: [
      ['文体广旅局', 5],
      ['柳湾乡', 1],
      ['河滨街道', 1],
    ],
    locations: ['文旅融合发展区', '柳湾乡', '河滨新区'],
  },
  {
    cluster: '市政交通',
    industry: Industry.infrastructure,
    weight: 13,
    publicShare: 1,
    products: [],
    publicWorks: [
      { name: '雨污分流改造工程', scope: '改造雨污水管网约35公里及配套泵站' },
      { name: '集中供热扩容工程', scope: '新建换热站12座，敷设供热管网约18公里' },
      { name: '城区主干道改造工程', scope: '改造城区主干道约6公里，同步实施管线入地及绿化' },
      { name: '城区停车场建设项目', scope: '建设立体停车场，新增车位约800个，总建筑面积约{area}平方米' },
      {
        name: '四好农村路建设项目',
        scope: '新改建农村公路约60公里',
        units: [
          ['交通运输局', 3],
          ['北塬镇', 1],
          ['南川镇', 1],
          ['柳湾乡', 1],
        ],
      },
      { name: '城乡供水一体化工程', scope: '新建水厂1座，铺设供水管网约40公里', units: [['水务局', 1]] },
    ],
    units: [
      ['住建局', 4],
      ['交通运输局', 3],
      ['水务局', 2],
      ['南川镇', 1],
    ],
    locations: ['城东片区', '城西片区', '河滨新区', '南川镇', '北塬镇'],
  },
  {
    cluster: '教育卫生',
    industry: Industry.social,
    weight: 19,
    publicShare: 1,
    products: [],
    publicWorks: [
      { name: '乡镇卫生院改扩建项目', scope: '改扩建门诊楼及住院楼，总建筑面积约{area}平方米', units: HEALTH_UNITS },
      { name: '养老服务中心建设项目', scope: '建设养老床位300张及康复护理设施，总建筑面积约{area}平方米', units: HEALTH_UNITS },
      { name: '九年一贯制学校建设项目', scope: '建设教学楼、综合楼及运动场，总建筑面积约{area}平方米', units: EDUCATION_UNITS },
      { name: '公办幼儿园建设项目', scope: '建设12班幼儿园，总建筑面积约{area}平方米', units: EDUCATION_UNITS },
      { name: '区人民医院迁址新建项目', scope: '建设床位800张的综合医院，总建筑面积约{area}平方米', units: HEALTH_UNITS },
      { name: '全民健身中心项目', scope: '建设体育馆、游泳馆及室外运动场地，总建筑面积约{area}平方米', units: [['文体广旅局', 1]] },
    ],
    units: [
      ['卫健局', 1],
      ['教育局', 1],
    ],
    locations: ['城东片区', '城西片区', '河滨新区', '北塬镇', '南川镇'],
  },
]

export const DEMO_SURNAMES: readonly string[] = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '田',
  '董',
  '袁',
  '潘',
  '蒋',
]
export const DEMO_GIVEN_NAMES: readonly string[] = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '华',
  '辉',
  '鹏',
  '斌',
  '宁',
  '博',
  '晨',
  '琳',
  '雪',
  '峰',
  '凯',
  '梅',
  '健',
  '亮',
  '玲',
  '浩',
]

/** 形象进度 wording by stage, as departments write it in the ledger. `{pct}` is a percentage. */
export const DEMO_PROGRESS_NOTES: Readonly<Record<Stage, readonly string[]>> = {
  planning: ['正在对接洽谈，已完成初步选址', '正在编制可研报告', '项目建议书已批复', '正在开展项目前期工作', '正在办理用地预审手续'],
  signed: ['已签订投资协议，正在办理用地手续', '已签约，等待环评批复', '已签约，正在开展施工图设计', '已签约，正在办理施工许可'],
  started: ['主体工程施工中', '完成基础施工，正在进行钢结构安装', '完成总工程量的{pct}%', '设备安装调试中', '主体封顶，正在进行内部装修'],
  producing: ['已竣工投产', '已建成投用', '一期已投产，二期设备调试中'],
}

/** A school or a road is put into use, not into production. */
export const DEMO_PUBLIC_WORKS_DONE_NOTES: readonly string[] = ['已建成投用', '已竣工验收并交付使用']
