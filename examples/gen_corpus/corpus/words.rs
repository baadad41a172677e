//! The fictional city of 澄川市: its offices, the topics each one writes
//! about, and the phrases its documents are made of. Written for this
//! generator; office names follow the usual official naming, everything else
//! is invented.

/// The city.
pub const CITY: &str = "澄川市";
/// The city's short name in 文号 (澄政发〔2024〕3号).
pub const CITY_SHORT: &str = "澄";
/// The site's domain (e-mail addresses in the text use it).
pub const DOMAIN: &str = "chengchuan.gov.cn";

/// A publishing office.
pub struct Agency {
    /// Full official name.
    pub name: &'static str,
    /// Short name used in running text.
    pub short: &'static str,
    /// URL segment.
    pub slug: &'static str,
    /// 机关代字 of its 文号, without the 发/规/函 suffix.
    pub prefix: &'static str,
    /// `(category path, topics)`: what it writes about.
    pub topics: &'static [(&'static str, &'static [&'static str])],
    /// Who it writes to (salutation).
    pub to: &'static str,
}

/// Index of 澄川市人民政府 in [`AGENCIES`] (规章 and 清理决定 are its own).
pub const GOVERNMENT: usize = 0;
/// Index of 澄川市人民政府办公室.
pub const GOVERNMENT_OFFICE: usize = 1;

const TO_CITY: &str = "各区人民政府，澄川高新区管委会，市各委办局，各直属单位：";
const TO_DEPT: &str = "各区有关部门，市各有关单位：";

/// The offices; the first two write on every topic (theirs are empty here
/// and borrowed from the departments).
pub const AGENCIES: &[Agency] = &[
    Agency {
        name: "澄川市人民政府",
        short: "市政府",
        slug: "szf",
        prefix: "澄政",
        topics: &[],
        to: TO_CITY,
    },
    Agency {
        name: "澄川市人民政府办公室",
        short: "市政府办公室",
        slug: "szfbgs",
        prefix: "澄政办",
        topics: &[
            (
                "综合政务/政务公开",
                &["政务公开", "政府网站和政务新媒体", "政府信息公开申请办理"],
            ),
            ("综合政务/政务督查", &["重点工作督查", "政务服务效能"]),
            ("综合政务/电子政务", &["一网通办", "政务数据共享"]),
        ],
        to: TO_CITY,
    },
    Agency {
        name: "澄川市发展和改革委员会",
        short: "市发展改革委",
        slug: "fgw",
        prefix: "澄发改",
        topics: &[
            (
                "国民经济管理、国有资产监管/发展规划",
                &["重大项目谋划", "政府投资项目", "区域协调发展"],
            ),
            (
                "国民经济管理、国有资产监管/物价",
                &["居民阶梯电价", "停车服务收费", "定价成本监审"],
            ),
            ("国土资源、能源/能源", &["节能审查", "充电基础设施建设"]),
        ],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市教育局",
        short: "市教育局",
        slug: "jyj",
        prefix: "澄教",
        topics: &[(
            "科技、教育/教育",
            &[
                "学前教育",
                "义务教育招生入学",
                "中小学课后服务",
                "校外培训机构",
                "学生资助",
                "教师队伍建设",
            ],
        )],
        to: "各区教育局，市直各学校：",
    },
    Agency {
        name: "澄川市科学技术局",
        short: "市科技局",
        slug: "kjj",
        prefix: "澄科",
        topics: &[
            (
                "科技、教育/科技",
                &[
                    "科技型中小企业",
                    "科技成果转化",
                    "新型研发机构",
                    "科技创新券",
                ],
            ),
            ("科技、教育/知识产权", &["专利资助"]),
        ],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市工业和信息化局",
        short: "市工业和信息化局",
        slug: "gxj",
        prefix: "澄工信",
        topics: &[
            (
                "工业、交通/工业",
                &["智能化改造", "专精特新企业培育", "工业园区提质增效"],
            ),
            (
                "工业、交通/信息产业（含电信）",
                &["第五代移动通信基站建设", "软件和信息服务业"],
            ),
        ],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市公安局",
        short: "市公安局",
        slug: "gaj",
        prefix: "澄公",
        topics: &[(
            "公安、安全、司法/公安",
            &["居住证办理", "道路交通秩序", "犬只登记"],
        )],
        to: "各区公安分局，局属各单位：",
    },
    Agency {
        name: "澄川市民政局",
        short: "市民政局",
        slug: "mzj",
        prefix: "澄民",
        topics: &[
            (
                "民政、扶贫、救灾/社会福利",
                &["居家养老服务", "困难群众救助", "儿童福利机构"],
            ),
            (
                "民政、扶贫、救灾/社团管理",
                &["社会组织登记", "社区社会组织"],
            ),
            ("民政、扶贫、救灾/行政区划与地名", &["地名管理"]),
        ],
        to: "各区民政局，局属各单位：",
    },
    Agency {
        name: "澄川市司法局",
        short: "市司法局",
        slug: "sfj",
        prefix: "澄司",
        topics: &[(
            "公安、安全、司法/司法",
            &[
                "行政规范性文件合法性审核",
                "公共法律服务",
                "人民调解",
                "行政执法监督",
            ],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市财政局",
        short: "市财政局",
        slug: "czj",
        prefix: "澄财",
        topics: &[(
            "财政、金融、审计/财政",
            &["财政专项资金", "政府采购", "预算绩效管理", "政府债务"],
        )],
        to: "市各部门、各单位：",
    },
    Agency {
        name: "澄川市人力资源和社会保障局",
        short: "市人力资源社会保障局",
        slug: "rsj",
        prefix: "澄人社",
        topics: &[
            (
                "劳动、人事、监察/劳动就业",
                &["高校毕业生就业", "职业技能培训", "就业见习"],
            ),
            (
                "劳动、人事、监察/社会保障",
                &["城乡居民养老保险", "工伤保险", "失业保险稳岗返还"],
            ),
            (
                "劳动、人事、监察/人事工作",
                &["事业单位公开招聘", "专业技术职称评审"],
            ),
        ],
        to: "各区人力资源社会保障局，市各有关单位：",
    },
    Agency {
        name: "澄川市自然资源和规划局",
        short: "市自然资源和规划局",
        slug: "zrzyj",
        prefix: "澄自然资规",
        topics: &[
            (
                "国土资源、能源/土地",
                &["国有建设用地供应", "耕地保护", "不动产登记"],
            ),
            (
                "城乡建设、环境保护/城市规划",
                &["国土空间规划", "历史文化街区保护"],
            ),
        ],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市生态环境局",
        short: "市生态环境局",
        slug: "sthjj",
        prefix: "澄环",
        topics: &[(
            "城乡建设、环境保护/环境监测、保护与治理",
            &[
                "大气污染防治",
                "水污染防治",
                "固体废物管理",
                "排污许可",
                "噪声污染防治",
            ],
        )],
        to: "各区生态环境分局，局属各单位：",
    },
    Agency {
        name: "澄川市住房和城乡建设局",
        short: "市住房城乡建设局",
        slug: "zjj",
        prefix: "澄建",
        topics: &[(
            "城乡建设、环境保护/城乡建设（含住房）",
            &[
                "老旧小区改造",
                "保障性租赁住房",
                "物业服务",
                "建筑工程质量",
                "住房租赁市场",
            ],
        )],
        to: "各区住房城乡建设局，各有关单位：",
    },
    Agency {
        name: "澄川市交通运输局",
        short: "市交通运输局",
        slug: "jtj",
        prefix: "澄交",
        topics: &[(
            "工业、交通/交通",
            &[
                "公交线网优化",
                "网络预约出租汽车",
                "农村公路养护",
                "交通运输安全生产",
            ],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市水利局",
        short: "市水利局",
        slug: "slj",
        prefix: "澄水",
        topics: &[(
            "农业、林业、水利/水利",
            &["防汛防旱", "河湖长制", "农村供水保障", "水土保持"],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市农业农村局",
        short: "市农业农村局",
        slug: "nyncj",
        prefix: "澄农",
        topics: &[(
            "农业、林业、水利/农业、畜牧业、渔业",
            &[
                "高标准农田建设",
                "粮食生产",
                "农产品质量安全",
                "农村人居环境整治",
                "家庭农场培育",
            ],
        )],
        to: "各区农业农村局，各有关单位：",
    },
    Agency {
        name: "澄川市商务局",
        short: "市商务局",
        slug: "swj",
        prefix: "澄商",
        topics: &[
            (
                "商贸、海关、旅游/国内贸易（含供销）",
                &["消费促进", "步行街改造提升", "再生资源回收"],
            ),
            (
                "商贸、海关、旅游/对外经贸合作",
                &["外贸稳规模优结构", "跨境电子商务"],
            ),
        ],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市文化广电和旅游局",
        short: "市文化广电旅游局",
        slug: "wgly",
        prefix: "澄文旅",
        topics: &[
            (
                "文化、广电、新闻出版/文化",
                &["公共文化服务", "非物质文化遗产保护"],
            ),
            ("文化、广电、新闻出版/文物", &["文物安全"]),
            ("商贸、海关、旅游/旅游", &["乡村旅游", "旅游市场秩序"]),
        ],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市卫生健康委员会",
        short: "市卫生健康委",
        slug: "wjw",
        prefix: "澄卫",
        topics: &[(
            "卫生、体育/卫生",
            &[
                "基层医疗卫生服务",
                "家庭医生签约服务",
                "传染病防控",
                "医疗机构管理",
                "托育服务",
            ],
        )],
        to: "各区卫生健康委，委属各单位：",
    },
    Agency {
        name: "澄川市应急管理局",
        short: "市应急管理局",
        slug: "yjglj",
        prefix: "澄应急",
        topics: &[
            (
                "市场监管、安全生产监管/安全生产监管",
                &["危险化学品安全", "安全生产责任", "工贸企业有限空间作业"],
            ),
            ("综合政务/应急管理", &["自然灾害救助", "应急物资储备"]),
        ],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市审计局",
        short: "市审计局",
        slug: "sjj",
        prefix: "澄审",
        topics: &[(
            "财政、金融、审计/审计",
            &["预算执行审计", "经济责任审计", "审计整改"],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市市场监督管理局",
        short: "市市场监管局",
        slug: "scjgj",
        prefix: "澄市监",
        topics: &[
            (
                "市场监管、安全生产监管/市场监管",
                &["经营主体登记", "价格监督检查", "网络交易监管"],
            ),
            (
                "市场监管、安全生产监管/食品药品监管",
                &["校园食品安全", "餐饮服务食品安全"],
            ),
            (
                "市场监管、安全生产监管/质量监督",
                &["特种设备安全", "产品质量监督抽查"],
            ),
        ],
        to: "各区市场监管局，局属各单位：",
    },
    Agency {
        name: "澄川市统计局",
        short: "市统计局",
        slug: "tjj",
        prefix: "澄统",
        topics: &[(
            "国民经济管理、国有资产监管/统计",
            &["统计调查", "经济普查", "统计数据质量"],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市医疗保障局",
        short: "市医疗保障局",
        slug: "ybj",
        prefix: "澄医保",
        topics: &[(
            "卫生、体育/医药管理",
            &[
                "医保基金监管",
                "门诊共济保障",
                "医药集中带量采购",
                "长期护理保险",
            ],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市城市管理局",
        short: "市城市管理局",
        slug: "cgj",
        prefix: "澄城管",
        topics: &[(
            "城乡建设、环境保护/城乡建设（含住房）",
            &["生活垃圾分类", "户外广告设置", "城市道路照明"],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市数据局",
        short: "市数据局",
        slug: "sjgl",
        prefix: "澄数据",
        topics: &[("综合政务/电子政务", &["公共数据开放", "政务云平台"])],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市体育局",
        short: "市体育局",
        slug: "tyj",
        prefix: "澄体",
        topics: &[(
            "卫生、体育/体育",
            &["全民健身设施", "体育赛事活动", "公共体育场馆开放"],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市退役军人事务局",
        short: "市退役军人事务局",
        slug: "tyjrj",
        prefix: "澄退役",
        topics: &[(
            "民政、扶贫、救灾/优抚安置",
            &["退役士兵安置", "优抚对象抚恤"],
        )],
        to: TO_DEPT,
    },
    Agency {
        name: "澄川市东湖区人民政府",
        short: "东湖区政府",
        slug: "dhq",
        prefix: "澄东政",
        topics: &[
            ("综合政务/政务公开", &["基层政务公开"]),
            ("城乡建设、环境保护/城乡建设（含住房）", &["背街小巷整治"]),
        ],
        to: "各街道办事处，区各部门：",
    },
    Agency {
        name: "澄川市西陵区人民政府",
        short: "西陵区政府",
        slug: "xlq",
        prefix: "澄西政",
        topics: &[
            ("农业、林业、水利/农业、畜牧业、渔业", &["特色农业产业"]),
            ("综合政务/政务公开", &["基层政务公开"]),
        ],
        to: "各镇人民政府，各街道办事处，区各部门：",
    },
];

/// A first-level class: name, slug, children (name, slug).
pub type TaxonomyNode = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The site taxonomy: `(一级, slug, [(二级, slug)])`, the State Council's
/// classes the offices above use.
pub const TAXONOMY: &[TaxonomyNode] = &[
    (
        "综合政务",
        "zhzw",
        &[
            ("应急管理", "yjgl"),
            ("电子政务", "dzzw"),
            ("政务督查", "zwdc"),
            ("政务公开", "zwgk"),
            ("其他", "qt"),
        ],
    ),
    (
        "国民经济管理、国有资产监管",
        "gmjjgl",
        &[
            ("发展规划", "fzgh"),
            ("统计", "tj"),
            ("物价", "wj"),
            ("国有资产监管", "gyzcjg"),
            ("其他", "qt"),
        ],
    ),
    (
        "财政、金融、审计",
        "czjrsj",
        &[
            ("财政", "cz"),
            ("金融", "jr"),
            ("审计", "sj"),
            ("其他", "qt"),
        ],
    ),
    (
        "国土资源、能源",
        "gtzyny",
        &[("土地", "td"), ("能源", "ny"), ("其他", "qt")],
    ),
    (
        "农业、林业、水利",
        "nylysl",
        &[
            ("农业、畜牧业、渔业", "nyxmyyy"),
            ("林业", "ly"),
            ("水利", "sl"),
            ("其他", "qt"),
        ],
    ),
    (
        "工业、交通",
        "gyjt",
        &[
            ("工业", "gy"),
            ("交通", "jt"),
            ("信息产业（含电信）", "xxcy"),
            ("其他", "qt"),
        ],
    ),
    (
        "商贸、海关、旅游",
        "smhgly",
        &[
            ("国内贸易（含供销）", "gnmy"),
            ("对外经贸合作", "dwjmhz"),
            ("旅游", "ly"),
            ("其他", "qt"),
        ],
    ),
    (
        "市场监管、安全生产监管",
        "scjgaqscjg",
        &[
            ("市场监管", "scjg"),
            ("质量监督", "zljd"),
            ("食品药品监管", "spypjg"),
            ("安全生产监管", "aqscjg"),
            ("其他", "qt"),
        ],
    ),
    (
        "城乡建设、环境保护",
        "cxjshjbh",
        &[
            ("城市规划", "csgh"),
            ("城乡建设（含住房）", "cxjs"),
            ("环境监测、保护与治理", "hjbh"),
            ("其他", "qt"),
        ],
    ),
    (
        "科技、教育",
        "kjjy",
        &[
            ("科技", "kj"),
            ("教育", "jy"),
            ("知识产权", "zscq"),
            ("其他", "qt"),
        ],
    ),
    (
        "文化、广电、新闻出版",
        "whgdxwcb",
        &[("文化", "wh"), ("文物", "ww"), ("其他", "qt")],
    ),
    (
        "卫生、体育",
        "wsty",
        &[
            ("卫生", "ws"),
            ("医药管理", "yygl"),
            ("体育", "ty"),
            ("其他", "qt"),
        ],
    ),
    (
        "劳动、人事、监察",
        "ldrsjc",
        &[
            ("劳动就业", "ldjy"),
            ("社会保障", "shbz"),
            ("人事工作", "rsgz"),
            ("其他", "qt"),
        ],
    ),
    (
        "公安、安全、司法",
        "gaaqsf",
        &[("公安", "ga"), ("司法", "sf"), ("其他", "qt")],
    ),
    (
        "民政、扶贫、救灾",
        "mzfpjz",
        &[
            ("社团管理", "stgl"),
            ("社会福利", "shfl"),
            ("优抚安置", "yfaz"),
            ("行政区划与地名", "xzqhydm"),
            ("其他", "qt"),
        ],
    ),
];

/// Who carries out the work, in running text.
pub const ACTORS: &[&str] = &[
    "各区人民政府",
    "市各有关部门",
    "各街道办事处",
    "项目实施单位",
    "各级行政机关",
    "行业主管部门",
    "属地镇（街道）",
    "市级牵头部门",
    "各责任单位",
    "相关经营主体",
    "各区主管部门",
    "市级各部门",
];

/// Verbs that take an object from [`OBJECTS`].
pub const VERBS: &[&str] = &[
    "建立健全",
    "完善",
    "落实",
    "强化",
    "统筹推进",
    "规范",
    "优化",
    "细化",
    "加快构建",
    "持续深化",
    "严格执行",
    "全面推行",
];

/// What is built, improved or enforced.
pub const OBJECTS: &[&str] = &[
    "工作机制",
    "监督检查制度",
    "信息公开制度",
    "考核评价办法",
    "服务标准体系",
    "风险防控措施",
    "资金保障机制",
    "部门协同机制",
    "投诉处理流程",
    "数据共享机制",
    "应急处置预案",
    "责任追究制度",
    "信用管理制度",
    "分级分类管理制度",
    "事中事后监管",
    "首问负责制度",
    "限时办结制度",
    "台账管理制度",
];

/// What the work should achieve.
pub const GOALS: &[&str] = &[
    "各项任务按期完成",
    "群众办事更加便利",
    "服务质量明显提升",
    "监管全覆盖、无死角",
    "工作规范有序",
    "风险隐患及时化解",
    "资金使用安全高效",
    "政策红利直达基层",
    "过程公平公正公开",
    "权责清晰、运转高效",
    "群众获得感进一步增强",
    "问题整改到位",
];

/// Laws and regulations cited as grounds (real titles).
pub const LAWS: &[&str] = &[
    "中华人民共和国政府信息公开条例",
    "中华人民共和国行政许可法",
    "中华人民共和国行政处罚法",
    "优化营商环境条例",
    "中华人民共和国预算法",
    "中华人民共和国安全生产法",
    "中华人民共和国教育法",
    "中华人民共和国环境保护法",
    "中华人民共和国食品安全法",
    "中华人民共和国城乡规划法",
    "中华人民共和国社会保险法",
    "中华人民共和国数据安全法",
    "重大行政决策程序暂行条例",
];

/// One sentence each; `{T}` topic, `{A}` actor, `{V}` verb, `{O}` object,
/// `{G}` goal, `{D}` the office's short name, `{C}` the city, `{Y}` the
/// year, `{MO}` a month, `{N}` a number 2–30, `{P}` a percentage, `{L}` a law, `{M}` an
/// amount of money in 万元.
pub const SENTENCES: &[&str] = &[
    "{A}要把{T}工作摆上重要议事日程，{V}{O}，切实做到{G}。",
    "到{Y}年底，全市{T}工作综合评价达标率达到{P}以上。",
    "{A}应当自受理申请之日起{N}个工作日内作出决定；情况复杂的，经本单位负责人批准，可以延长{N}个工作日。",
    "对检查中发现的问题，{A}应当建立台账、明确时限，督促整改到位，整改情况向社会公开。",
    "建立{T}联席会议制度，由{D}牵头，{A}参加，每季度至少召开一次会议，研究解决重大问题。",
    "鼓励社会资本参与{T}，对符合条件的项目，按照实际投资额给予最高不超过{M}万元的一次性补助。",
    "申请人对{D}作出的决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    "{A}要{V}{O}，推动{T}由注重数量向注重质量转变。",
    "坚持问题导向和目标导向，聚焦群众反映强烈的突出问题，{V}{O}，确保{G}。",
    "各地要结合实际制定具体实施细则，明确责任分工和时间节点，于每月5日前报送上月工作进展情况。",
    "{D}将会同有关部门对各地落实情况开展专项督查，督查结果纳入年度绩效考核。",
    "涉及群众切身利益的重要事项，应当通过听证会、座谈会、网上征求意见等方式广泛听取意见。",
    "{A}应当按照“谁主管、谁负责”的原则，{V}{O}，不得推诿、拖延。",
    "全市共安排{T}专项资金{M}万元，重点支持基础设施建设和公共服务能力提升。",
    "依托政务服务平台推行全程网上办理，申请材料能够通过共享获取的，不再要求申请人重复提交。",
    "对弄虚作假骗取补助资金的，依法追回已拨付资金，并按照有关规定记入信用记录。",
    "{A}要加强宣传解读，通过政府网站、政务新媒体等渠道及时发布政策信息，提高社会知晓度。",
    "本市{T}工作虽然取得了一定成效，但仍存在区域发展不平衡、基层保障能力不足等问题。",
    "各责任单位要于{Y}年{MO}月底前完成自查，形成书面报告报送{D}。",
    "{D}负责全市{T}的统筹协调和监督管理工作，{A}按照各自职责做好相关工作。",
    "根据《{L}》的规定，{A}应当依法履行{T}相关职责，不得违法设定条件。",
    "实行清单化管理，对纳入清单的事项逐项明确责任单位、完成时限和工作标准。",
    "加强与周边城市的协作联动，推动{T}领域信息互通、标准互认、结果互用。",
    "年度考核为优秀的单位，按照规定给予通报表扬；考核不合格的，责令限期整改。",
    "{A}要强化队伍建设，定期组织业务培训，提升依法行政能力和服务水平。",
    "第一季度以来，全市累计受理{T}相关事项{N}万余件，按时办结率{P}。",
    "对群众来信来电反映的问题，应当在{N}个工作日内答复办理结果。",
    "坚持试点先行、以点带面，{Y}年在东湖区、西陵区开展试点，条件成熟后在全市推广。",
    "本市行政区域内从事{T}相关活动及其监督管理，适用本规定。",
    "有关单位和个人可以通过市政务服务便民热线12345反映问题、提出意见建议。",
];

/// Headings of the parts of an 意见 or 方案.
pub const OPINION_PARTS: &[&str] = &["总体要求", "主要目标", "重点任务", "保障措施", "组织实施"];
/// Headings of the parts of a 通知.
pub const NOTICE_PARTS: &[&str] = &[
    "提高思想认识",
    "明确工作重点",
    "加强统筹协调",
    "强化督促检查",
    "工作要求",
];
/// Headings of the parts of a 通报.
pub const REPORT_PARTS: &[&str] = &["基本情况", "主要做法和成效", "存在的问题", "下一步工作"];
/// Chapters of a 办法 or 规定 after 总则 (`{T}` is the topic).
pub const RULE_CHAPTERS: &[&str] = &["{T}管理", "服务保障", "监督检查", "法律责任"];
/// Headings of a 政策解读.
pub const INTERPRETATION_PARTS: &[&str] = &[
    "出台背景",
    "主要内容",
    "适用对象",
    "与原有政策相比的主要变化",
    "咨询渠道",
];
/// Headings of the 年度报告 (the State Council's template).
pub const ANNUAL_PARTS: &[&str] = &[
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

/// Rows of the figures tables (`指标（单位）`).
pub const METRICS: &[&str] = &[
    "受理申请（件）",
    "办结事项（件）",
    "投入资金（万元）",
    "覆盖人数（人）",
    "新建项目（个）",
    "检查单位（家）",
    "发现问题（个）",
    "完成整改（个）",
    "培训人次（人次）",
    "公开信息（条）",
];

/// What an attachment is.
pub const ATTACHMENTS: &[&str] = &[
    "申报表",
    "评分细则",
    "责任分工表",
    "项目清单",
    "办事指南",
    "标准明细表",
];

/// Reasons a document is not published.
pub const WITHHELD_REASONS: &[&str] = &["内部事务信息", "过程性信息", "涉及商业秘密"];
/// Reasons a document is published only on request.
pub const ON_REQUEST_REASONS: &[&str] = &[
    "仅涉及特定对象，依申请公开",
    "涉及特定项目当事人，依申请公开",
];

/// 简→繁 for the characters of this vocabulary: a share of the documents is
/// written in traditional characters, as copies from some sources are.
pub const TRADITIONAL: &str =
    "为為发發务務关關于於这這个個们們会會时時对對动動实實现現经經过過进進\
还還开開问問题題国國华華东東业業产產从從门門体體长長区區县縣乡鄉镇鎮办辦处處级級机機构構\
权權责責规規范範订訂计計划劃设設项項资資财財费費价價贸貿购購营營运運输輸车車铁鐵桥橋线線\
网網络絡电電话話视視听聽报報书書图圖馆館学學师師课課训訓练練医醫药藥疗療卫衛护護养養险險\
复復议議诉訴讼訟审審统統监監检檢验驗质質标標准準认認证證许許执執罚罰违違纪紀应應灾災难難\
环環态態节節约約围圍农農渔漁粮糧乐樂游遊艺藝术術场場广廣闻聞传傳历歷档檔条條细細则則试試\
点點优優数數据據库庫云雲总總结結领領导導组組织織协協调調强強严嚴贯貫彻徹确確坚堅创創驱驅\
转轉变變给給补補贴貼奖獎励勵诚誠单單员員职職岗崗际際两兩万萬亿億与與并並将將无無当當后後\
间間说說请請联聯众眾儿兒妇婦残殘贫貧亲親属屬户戶备備阶階续續获獲评評状狀况況参參观觀见見\
决決废廢签簽综綜阅閱读讀释釋适適负負头頭让讓园園宁寧湾灣滨濱气氣热熱饮飲钱錢银銀录錄页頁\
额額类類样樣尽盡紧緊杂雜厂廠仓倉储儲递遞邮郵启啟势勢虽雖齐齊顺順简簡扩擴张張压壓减減轻輕\
担擔预預测測维維队隊满滿纳納税稅缴繳风風织織层層楼樓报報设設达達览覽况況状狀确確";
