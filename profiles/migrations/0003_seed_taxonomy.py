"""Seed the starter taxonomy and bring existing rows to the new fields.

- topics: the starter taxonomy as it was shipped with this migration (upserted by slug, so
  re-running is harmless);
- free-text industries become GB/T 4754 section letters where recognised;
- profiles that already have an account count as claimed.

Frozen: this migration imports no app code and reads no data file, so its meaning never
changes with them. TAXONOMY is the content of profiles/data/taxonomy.json at the time, and
INDUSTRY_ZH / INDUSTRY_WORDS those of profiles/labels.py.
"""

import json

from django.db import migrations

INDUSTRY_ZH = {
    'A': '农、林、牧、渔业',
    'B': '采矿业',
    'C': '制造业',
    'D': '电力、热力、燃气及水生产和供应业',
    'E': '建筑业',
    'F': '批发和零售业',
    'G': '交通运输、仓储和邮政业',
    'H': '住宿和餐饮业',
    'I': '信息传输、软件和信息技术服务业',
    'J': '金融业',
    'K': '房地产业',
    'L': '租赁和商务服务业',
    'M': '科学研究和技术服务业',
    'N': '水利、环境和公共设施管理业',
    'O': '居民服务、修理和其他服务业',
    'P': '教育',
    'Q': '卫生和社会工作',
    'R': '文化、体育和娱乐业',
    'S': '公共管理、社会保障和社会组织',
    'T': '国际组织',
}
# Words that identify a section inside a longer or looser label, most specific first.
INDUSTRY_WORDS = [
    ('软件', 'I'),
    ('信息技术', 'I'),
    ('互联网', 'I'),
    ('software', 'I'),
    ('information', 'I'),
    ('金融', 'J'),
    ('银行', 'J'),
    ('保险', 'J'),
    ('financ', 'J'),
    ('科学研究', 'M'),
    ('技术服务', 'M'),
    ('研究院', 'M'),
    ('research', 'M'),
    ('环境', 'N'),
    ('水利', 'N'),
    ('environment', 'N'),
    ('电力', 'D'),
    ('燃气', 'D'),
    ('能源', 'D'),
    ('energy', 'D'),
    ('electric', 'D'),
    ('建筑', 'E'),
    ('construction', 'E'),
    ('商务服务', 'L'),
    ('租赁', 'L'),
    ('批发', 'F'),
    ('零售', 'F'),
    ('retail', 'F'),
    ('物流', 'G'),
    ('交通', 'G'),
    ('运输', 'G'),
    ('logistic', 'G'),
    ('transport', 'G'),
    ('餐饮', 'H'),
    ('住宿', 'H'),
    ('房地产', 'K'),
    ('real estate', 'K'),
    ('教育', 'P'),
    ('education', 'P'),
    ('医疗', 'Q'),
    ('卫生', 'Q'),
    ('health', 'Q'),
    ('文化', 'R'),
    ('体育', 'R'),
    ('农业', 'A'),
    ('渔业', 'A'),
    ('agricultur', 'A'),
    ('采矿', 'B'),
    ('矿业', 'B'),
    ('mining', 'B'),
    ('制造', 'C'),
    ('manufactur', 'C'),
]

TAXONOMY = json.loads(
    r"""
[
{"slug": "finance", "name_zh": "金融", "name_en": "Finance", "parent": null, "synonyms_zh": ["金融服务", "金融业"], "synonyms_en": ["financial services"]},
{"slug": "fintech", "name_zh": "金融科技", "name_en": "Fintech", "parent": "finance", "synonyms_zh": ["科技金融", "数字金融"], "synonyms_en": ["financial technology", "digital finance"]},
{"slug": "supply-chain-finance", "name_zh": "供应链金融", "name_en": "Supply chain finance", "parent": "finance", "synonyms_zh": ["应收账款融资", "保理"], "synonyms_en": ["receivables financing", "factoring"]},
{"slug": "sme-financing", "name_zh": "中小企业融资", "name_en": "SME financing", "parent": "finance", "synonyms_zh": ["科技企业融资", "融资规划", "融资约束"], "synonyms_en": ["small business financing", "startup financing"]},
{"slug": "venture-capital", "name_zh": "风险投资", "name_en": "Venture capital", "parent": "finance", "synonyms_zh": ["创业投资", "风投", "天使投资"], "synonyms_en": ["vc", "angel investment"]},
{"slug": "equity-financing", "name_zh": "股权融资", "name_en": "Equity financing", "parent": "finance", "synonyms_zh": ["股权投资", "私募股权"], "synonyms_en": ["private equity", "equity investment"]},
{"slug": "ipo", "name_zh": "上市辅导", "name_en": "IPO preparation", "parent": "finance", "synonyms_zh": ["科创板上市", "上市融资", "企业上市"], "synonyms_en": ["initial public offering", "listing"]},
{"slug": "ip-pledge-financing", "name_zh": "知识产权质押融资", "name_en": "IP-backed financing", "parent": "finance", "synonyms_zh": ["知识产权质押贷款", "专利质押"], "synonyms_en": ["patent pledge loan", "ip pledge"]},
{"slug": "credit-risk", "name_zh": "信用风险管理", "name_en": "Credit risk management", "parent": "finance", "synonyms_zh": ["风控模型", "信用评估", "金融风控"], "synonyms_en": ["risk control", "credit scoring", "credit assessment"]},
{"slug": "digital-payment", "name_zh": "数字支付", "name_en": "Digital payments", "parent": "fintech", "synonyms_zh": ["移动支付", "第三方支付"], "synonyms_en": ["mobile payment", "payment systems"]},
{"slug": "blockchain", "name_zh": "区块链", "name_en": "Blockchain", "parent": "fintech", "synonyms_zh": ["分布式账本"], "synonyms_en": ["distributed ledger"]},
{"slug": "insurance", "name_zh": "保险", "name_en": "Insurance", "parent": "finance", "synonyms_zh": ["保险科技"], "synonyms_en": ["insurtech"]},
{"slug": "green-finance", "name_zh": "绿色金融", "name_en": "Green finance", "parent": "finance", "synonyms_zh": ["碳金融", "绿色信贷"], "synonyms_en": ["carbon finance", "green credit"]},
{"slug": "corporate-valuation", "name_zh": "企业估值", "name_en": "Corporate valuation", "parent": "finance", "synonyms_zh": ["估值", "资产评估"], "synonyms_en": ["valuation", "asset appraisal"]},
{"slug": "financial-accounting", "name_zh": "财务管理", "name_en": "Financial management", "parent": "finance", "synonyms_zh": ["财务会计", "会计", "财务分析"], "synonyms_en": ["accounting", "financial analysis"]},
{"slug": "tax-planning", "name_zh": "税务筹划", "name_en": "Tax planning", "parent": "finance", "synonyms_zh": ["财税", "税收优惠", "研发费用加计扣除"], "synonyms_en": ["taxation", "tax incentives"]},
{"slug": "environment", "name_zh": "环境保护", "name_en": "Environmental protection", "parent": null, "synonyms_zh": ["环保", "生态环境"], "synonyms_en": ["environmental engineering", "environment"]},
{"slug": "water-treatment", "name_zh": "水处理", "name_en": "Water treatment", "parent": "environment", "synonyms_zh": ["水处理技术", "水务"], "synonyms_en": ["water purification"]},
{"slug": "wastewater-treatment", "name_zh": "污水处理", "name_en": "Wastewater treatment", "parent": "water-treatment", "synonyms_zh": ["废水治理", "废水处理", "污水治理"], "synonyms_en": ["sewage treatment", "effluent treatment"]},
{"slug": "industrial-wastewater", "name_zh": "工业废水", "name_en": "Industrial wastewater", "parent": "wastewater-treatment", "synonyms_zh": ["工业废水处理", "化工废水", "高氨氮废水"], "synonyms_en": ["industrial effluent", "high-ammonia wastewater"]},
{"slug": "rural-sewage", "name_zh": "农村污水", "name_en": "Rural sewage", "parent": "wastewater-treatment", "synonyms_zh": ["农村生活污水", "分散式污水"], "synonyms_en": ["decentralised wastewater"]},
{"slug": "membrane-separation", "name_zh": "膜分离技术", "name_en": "Membrane separation", "parent": "water-treatment", "synonyms_zh": ["膜分离", "水处理膜", "膜技术", "反渗透", "超滤", "纳滤"], "synonyms_en": ["membrane technology", "reverse osmosis", "ultrafiltration", "nanofiltration"]},
{"slug": "biofilm-process", "name_zh": "生物膜法", "name_en": "Biofilm process", "parent": "wastewater-treatment", "synonyms_zh": ["MBBR", "移动床生物膜反应器", "生物膜"], "synonyms_en": ["moving bed biofilm reactor", "biofilm"]},
{"slug": "nutrient-removal", "name_zh": "脱氮除磷", "name_en": "Nitrogen and phosphorus removal", "parent": "wastewater-treatment", "synonyms_zh": ["脱氮", "除磷", "氨氮去除"], "synonyms_en": ["nutrient removal", "denitrification", "ammonia removal"]},
{"slug": "advanced-oxidation", "name_zh": "高级氧化", "name_en": "Advanced oxidation", "parent": "water-treatment", "synonyms_zh": ["芬顿氧化", "臭氧氧化"], "synonyms_en": ["aop", "fenton oxidation", "ozonation"]},
{"slug": "drinking-water", "name_zh": "饮用水安全", "name_en": "Drinking water safety", "parent": "water-treatment", "synonyms_zh": ["饮用水处理", "自来水"], "synonyms_en": ["potable water", "drinking water treatment"]},
{"slug": "desalination", "name_zh": "海水淡化", "name_en": "Seawater desalination", "parent": "water-treatment", "synonyms_zh": ["淡化"], "synonyms_en": ["desalination"]},
{"slug": "sludge-treatment", "name_zh": "污泥处理", "name_en": "Sludge treatment", "parent": "wastewater-treatment", "synonyms_zh": ["污泥处置", "污泥资源化"], "synonyms_en": ["sludge disposal", "biosolids"]},
{"slug": "water-reuse", "name_zh": "再生水", "name_en": "Water reuse", "parent": "water-treatment", "synonyms_zh": ["中水回用", "污水资源化"], "synonyms_en": ["reclaimed water", "water recycling"]},
{"slug": "water-quality-monitoring", "name_zh": "水质监测", "name_en": "Water quality monitoring", "parent": "water-treatment", "synonyms_zh": ["水质检测", "在线监测"], "synonyms_en": ["water quality analysis"]},
{"slug": "air-pollution", "name_zh": "大气污染治理", "name_en": "Air pollution control", "parent": "environment", "synonyms_zh": ["废气治理", "VOCs治理", "脱硫脱硝"], "synonyms_en": ["waste gas treatment", "flue gas treatment"]},
{"slug": "solid-waste", "name_zh": "固体废物处理", "name_en": "Solid waste treatment", "parent": "environment", "synonyms_zh": ["固废处理", "垃圾分类", "危废处置"], "synonyms_en": ["waste management", "hazardous waste"]},
{"slug": "soil-remediation", "name_zh": "土壤修复", "name_en": "Soil remediation", "parent": "environment", "synonyms_zh": ["污染场地修复"], "synonyms_en": ["contaminated land remediation"]},
{"slug": "mechanical-engineering", "name_zh": "机械工程", "name_en": "Mechanical engineering", "parent": null, "synonyms_zh": ["机械", "装备制造"], "synonyms_en": ["machinery", "equipment manufacturing"]},
{"slug": "bearings", "name_zh": "轴承", "name_en": "Bearings", "parent": "mechanical-engineering", "synonyms_zh": ["滚动轴承", "滑动轴承", "高端轴承", "轴承设计"], "synonyms_en": ["rolling bearing", "plain bearing", "bearing design"]},
{"slug": "wind-turbine-bearings", "name_zh": "风电轴承", "name_en": "Wind turbine bearings", "parent": "bearings", "synonyms_zh": ["风电主轴承", "主轴承", "偏航轴承"], "synonyms_en": ["main bearing", "yaw bearing"]},
{"slug": "bearing-life-prediction", "name_zh": "轴承寿命预测", "name_en": "Bearing life prediction", "parent": "bearings", "synonyms_zh": ["剩余寿命预测", "寿命预测", "剩余使用寿命"], "synonyms_en": ["remaining useful life", "rul prediction", "life prediction"]},
{"slug": "tribology", "name_zh": "摩擦学", "name_en": "Tribology", "parent": "mechanical-engineering", "synonyms_zh": ["摩擦磨损", "摩擦", "磨损"], "synonyms_en": ["friction and wear", "wear"]},
{"slug": "lubrication", "name_zh": "润滑", "name_en": "Lubrication", "parent": "tribology", "synonyms_zh": ["润滑技术", "润滑油", "润滑脂"], "synonyms_en": ["lubricant", "grease"]},
{"slug": "fault-diagnosis", "name_zh": "故障诊断", "name_en": "Fault diagnosis", "parent": "mechanical-engineering", "synonyms_zh": ["设备故障诊断", "故障检测", "故障预测"], "synonyms_en": ["fault detection", "failure diagnosis"]},
{"slug": "vibration-analysis", "name_zh": "振动分析", "name_en": "Vibration analysis", "parent": "fault-diagnosis", "synonyms_zh": ["振动监测", "振动信号"], "synonyms_en": ["vibration monitoring", "vibration signal"]},
{"slug": "reliability-engineering", "name_zh": "可靠性工程", "name_en": "Reliability engineering", "parent": "mechanical-engineering", "synonyms_zh": ["可靠性", "结构可靠性", "可靠性设计"], "synonyms_en": ["reliability", "structural reliability"]},
{"slug": "fatigue", "name_zh": "疲劳分析", "name_en": "Fatigue analysis", "parent": "reliability-engineering", "synonyms_zh": ["疲劳寿命", "疲劳评估", "疲劳"], "synonyms_en": ["fatigue life", "fatigue assessment"]},
{"slug": "precision-manufacturing", "name_zh": "精密制造", "name_en": "Precision manufacturing", "parent": "mechanical-engineering", "synonyms_zh": ["精密加工", "超精密加工"], "synonyms_en": ["precision machining"]},
{"slug": "intelligent-manufacturing", "name_zh": "智能制造", "name_en": "Intelligent manufacturing", "parent": "mechanical-engineering", "synonyms_zh": ["工业4.0", "智能工厂", "数字化车间"], "synonyms_en": ["smart manufacturing", "industry 4.0", "smart factory"]},
{"slug": "industrial-robots", "name_zh": "工业机器人", "name_en": "Industrial robots", "parent": "intelligent-manufacturing", "synonyms_zh": ["机器人", "机械臂"], "synonyms_en": ["robotics", "robot arm"]},
{"slug": "cnc-machine-tools", "name_zh": "数控机床", "name_en": "CNC machine tools", "parent": "mechanical-engineering", "synonyms_zh": ["机床", "数控"], "synonyms_en": ["cnc", "machine tool"]},
{"slug": "testing-inspection", "name_zh": "检验检测", "name_en": "Testing and inspection", "parent": "mechanical-engineering", "synonyms_zh": ["无损检测", "试验检测", "检测认证"], "synonyms_en": ["non-destructive testing", "inspection", "certification"]},
{"slug": "hydraulics", "name_zh": "液压传动", "name_en": "Hydraulics", "parent": "mechanical-engineering", "synonyms_zh": ["液压", "气动"], "synonyms_en": ["hydraulic systems", "pneumatics"]},
{"slug": "appliances-cold-chain", "name_zh": "家电与冷链", "name_en": "Appliances and cold chain", "parent": null, "synonyms_zh": ["家电冷链"], "synonyms_en": ["appliances and refrigeration"]},
{"slug": "home-appliances", "name_zh": "家用电器", "name_en": "Home appliances", "parent": "appliances-cold-chain", "synonyms_zh": ["家电", "白色家电", "制冷家电"], "synonyms_en": ["household appliances", "white goods"]},
{"slug": "smart-home", "name_zh": "智能家居", "name_en": "Smart home", "parent": "home-appliances", "synonyms_zh": ["智慧家庭", "智能家电"], "synonyms_en": ["home automation", "smart appliances"]},
{"slug": "refrigeration", "name_zh": "制冷技术", "name_en": "Refrigeration", "parent": "appliances-cold-chain", "synonyms_zh": ["制冷", "制冷与低温工程", "低温工程", "制冷循环", "冷柜"], "synonyms_en": ["refrigeration cycle", "cryogenic engineering", "freezer"]},
{"slug": "ultra-low-temperature", "name_zh": "超低温冷柜", "name_en": "Ultra-low temperature freezers", "parent": "refrigeration", "synonyms_zh": ["超低温储存", "超低温", "生物医疗冷柜"], "synonyms_en": ["ult freezer", "ultra-low temperature storage"]},
{"slug": "compressors", "name_zh": "压缩机", "name_en": "Compressors", "parent": "refrigeration", "synonyms_zh": ["制冷压缩机", "变频压缩机"], "synonyms_en": ["compressor", "inverter compressor"]},
{"slug": "heat-exchangers", "name_zh": "换热器", "name_en": "Heat exchangers", "parent": "appliances-cold-chain", "synonyms_zh": ["换热器节能", "热交换器", "换热结构", "强化换热"], "synonyms_en": ["heat exchanger", "heat transfer enhancement"]},
{"slug": "thermal-management", "name_zh": "热管理", "name_en": "Thermal management", "parent": "appliances-cold-chain", "synonyms_zh": ["液冷", "散热", "温升控制"], "synonyms_en": ["liquid cooling", "cooling design"]},
{"slug": "energy-efficiency", "name_zh": "节能降耗", "name_en": "Energy efficiency", "parent": "appliances-cold-chain", "synonyms_zh": ["节能", "能效提升", "降耗"], "synonyms_en": ["energy saving", "energy conservation"]},
{"slug": "cold-chain-logistics", "name_zh": "冷链物流", "name_en": "Cold chain logistics", "parent": "appliances-cold-chain", "synonyms_zh": ["冷链运输", "冷链", "冷藏运输"], "synonyms_en": ["cold chain", "refrigerated transport"]},
{"slug": "temperature-monitoring", "name_zh": "温控监测", "name_en": "Temperature monitoring", "parent": "cold-chain-logistics", "synonyms_zh": ["全程温控", "温度监控", "温度记录"], "synonyms_en": ["temperature logging", "temperature control"]},
{"slug": "food-preservation", "name_zh": "食品保鲜", "name_en": "Food preservation", "parent": "cold-chain-logistics", "synonyms_zh": ["保鲜技术", "生鲜保鲜"], "synonyms_en": ["fresh keeping", "food storage"]},
{"slug": "marine-engineering", "name_zh": "海洋工程", "name_en": "Marine engineering", "parent": null, "synonyms_zh": ["海洋科技", "蓝色经济"], "synonyms_en": ["ocean engineering", "marine technology", "blue economy"]},
{"slug": "naval-architecture", "name_zh": "船舶与海洋工程", "name_en": "Naval architecture and ocean engineering", "parent": "marine-engineering", "synonyms_zh": ["船舶工程", "船舶设计", "造船"], "synonyms_en": ["ship engineering", "shipbuilding", "ship design"]},
{"slug": "offshore-platforms", "name_zh": "海洋平台", "name_en": "Offshore platforms", "parent": "marine-engineering", "synonyms_zh": ["海上平台", "海洋石油平台"], "synonyms_en": ["offshore platform", "offshore structures"]},
{"slug": "marine-equipment", "name_zh": "海洋工程装备", "name_en": "Marine equipment", "parent": "marine-engineering", "synonyms_zh": ["海工装备", "海洋装备"], "synonyms_en": ["offshore equipment", "marine machinery"]},
{"slug": "underwater-acoustics", "name_zh": "水声学", "name_en": "Underwater acoustics", "parent": "marine-engineering", "synonyms_zh": ["水下声学", "水声工程", "水声技术", "海洋声学"], "synonyms_en": ["hydroacoustics", "ocean acoustics"]},
{"slug": "underwater-communication", "name_zh": "水声通信", "name_en": "Underwater acoustic communication", "parent": "underwater-acoustics", "synonyms_zh": ["水下通信", "水声调制解调器"], "synonyms_en": ["underwater communication", "acoustic modem"]},
{"slug": "channel-equalization", "name_zh": "信道均衡", "name_en": "Channel equalization", "parent": "underwater-communication", "synonyms_zh": ["多径信道", "信道估计"], "synonyms_en": ["multipath channel", "channel estimation"]},
{"slug": "sonar", "name_zh": "声呐", "name_en": "Sonar", "parent": "underwater-acoustics", "synonyms_zh": ["声纳", "声呐探测", "水声探测"], "synonyms_en": ["sonar detection"]},
{"slug": "underwater-sensor-networks", "name_zh": "水下传感网络", "name_en": "Underwater sensor networks", "parent": "underwater-acoustics", "synonyms_zh": ["水下声学传感", "水下传感器", "水下传感"], "synonyms_en": ["underwater sensing", "underwater sensors"]},
{"slug": "acoustic-equipment", "name_zh": "声学装备", "name_en": "Acoustic equipment", "parent": "underwater-acoustics", "synonyms_zh": ["海洋声学装备", "声学仪器"], "synonyms_en": ["acoustic instruments"]},
{"slug": "ocean-observation", "name_zh": "海洋观测", "name_en": "Ocean observation", "parent": "marine-engineering", "synonyms_zh": ["海洋监测", "海洋观测平台", "海洋调查"], "synonyms_en": ["ocean monitoring", "ocean observing systems"]},
{"slug": "structural-health-monitoring", "name_zh": "结构健康监测", "name_en": "Structural health monitoring", "parent": "marine-engineering", "synonyms_zh": ["健康监测", "结构监测"], "synonyms_en": ["shm", "structural monitoring"]},
{"slug": "marine-corrosion", "name_zh": "海洋腐蚀与防护", "name_en": "Marine corrosion and protection", "parent": "marine-engineering", "synonyms_zh": ["海洋腐蚀", "腐蚀防护", "阴极保护", "防腐"], "synonyms_en": ["marine corrosion", "corrosion protection", "cathodic protection"]},
{"slug": "port-engineering", "name_zh": "港口工程", "name_en": "Port engineering", "parent": "marine-engineering", "synonyms_zh": ["港航工程", "码头工程", "港口"], "synonyms_en": ["harbour engineering", "port construction"]},
{"slug": "underwater-robots", "name_zh": "水下机器人", "name_en": "Underwater robots", "parent": "marine-engineering", "synonyms_zh": ["无人潜航器", "ROV", "AUV", "水下航行器"], "synonyms_en": ["underwater vehicle", "remotely operated vehicle", "autonomous underwater vehicle"]},
{"slug": "marine-ranching", "name_zh": "海洋牧场", "name_en": "Marine ranching", "parent": "marine-engineering", "synonyms_zh": ["深远海养殖", "海水养殖"], "synonyms_en": ["offshore aquaculture", "mariculture"]},
{"slug": "smart-shipping", "name_zh": "智能航运", "name_en": "Smart shipping", "parent": "marine-engineering", "synonyms_zh": ["智能船舶", "无人船"], "synonyms_en": ["autonomous ships", "smart ship"]},
{"slug": "new-materials", "name_zh": "新材料", "name_en": "New materials", "parent": null, "synonyms_zh": ["先进材料", "材料科学", "材料工程"], "synonyms_en": ["advanced materials", "materials science"]},
{"slug": "anticorrosive-coatings", "name_zh": "防腐涂层", "name_en": "Anticorrosive coatings", "parent": "new-materials", "synonyms_zh": ["海洋防腐涂层", "防腐涂料", "重防腐涂料", "涂层"], "synonyms_en": ["anti-corrosion coating", "protective coating"]},
{"slug": "coating-aging", "name_zh": "涂层寿命评估", "name_en": "Coating life assessment", "parent": "anticorrosive-coatings", "synonyms_zh": ["涂层老化", "加速老化", "老化试验"], "synonyms_en": ["accelerated ageing", "coating degradation"]},
{"slug": "surface-engineering", "name_zh": "表面工程", "name_en": "Surface engineering", "parent": "new-materials", "synonyms_zh": ["表面处理", "表面改性", "热喷涂"], "synonyms_en": ["surface treatment", "surface modification", "thermal spraying"]},
{"slug": "composites", "name_zh": "复合材料", "name_en": "Composite materials", "parent": "new-materials", "synonyms_zh": ["碳纤维复合材料", "碳纤维", "玻璃钢"], "synonyms_en": ["composites", "carbon fibre", "fibre reinforced polymer"]},
{"slug": "polymers", "name_zh": "高分子材料", "name_en": "Polymer materials", "parent": "new-materials", "synonyms_zh": ["高分子", "塑料", "橡胶"], "synonyms_en": ["polymers", "plastics", "rubber"]},
{"slug": "graphene", "name_zh": "石墨烯", "name_en": "Graphene", "parent": "new-materials", "synonyms_zh": ["二维材料"], "synonyms_en": ["2d materials"]},
{"slug": "nanomaterials", "name_zh": "纳米材料", "name_en": "Nanomaterials", "parent": "new-materials", "synonyms_zh": ["纳米技术"], "synonyms_en": ["nanotechnology", "nanoparticles"]},
{"slug": "metallic-materials", "name_zh": "金属材料", "name_en": "Metallic materials", "parent": "new-materials", "synonyms_zh": ["合金", "钢铁材料", "轻合金"], "synonyms_en": ["alloys", "steel", "light alloys"]},
{"slug": "advanced-ceramics", "name_zh": "先进陶瓷", "name_en": "Advanced ceramics", "parent": "new-materials", "synonyms_zh": ["陶瓷材料", "结构陶瓷"], "synonyms_en": ["ceramics", "technical ceramics"]},
{"slug": "battery-materials", "name_zh": "电池材料", "name_en": "Battery materials", "parent": "new-materials", "synonyms_zh": ["正极材料", "负极材料", "电解质"], "synonyms_en": ["cathode materials", "anode materials", "electrolyte"]},
{"slug": "additive-manufacturing", "name_zh": "增材制造", "name_en": "Additive manufacturing", "parent": "new-materials", "synonyms_zh": ["3D打印", "金属3D打印"], "synonyms_en": ["3d printing"]},
{"slug": "functional-materials", "name_zh": "功能材料", "name_en": "Functional materials", "parent": "new-materials", "synonyms_zh": ["智能材料", "光电材料"], "synonyms_en": ["smart materials", "optoelectronic materials"]},
{"slug": "biomedical-materials", "name_zh": "生物医用材料", "name_en": "Biomedical materials", "parent": "new-materials", "synonyms_zh": ["生物材料", "医用材料"], "synonyms_en": ["biomaterials"]},
{"slug": "ai-iot", "name_zh": "人工智能与物联网", "name_en": "AI and IoT", "parent": null, "synonyms_zh": ["新一代信息技术", "信息技术"], "synonyms_en": ["information technology", "ict"]},
{"slug": "artificial-intelligence", "name_zh": "人工智能", "name_en": "Artificial intelligence", "parent": "ai-iot", "synonyms_zh": ["AI", "智能算法"], "synonyms_en": ["ai", "intelligent algorithms"]},
{"slug": "machine-learning", "name_zh": "机器学习", "name_en": "Machine learning", "parent": "artificial-intelligence", "synonyms_zh": ["深度学习", "神经网络", "机器学习建模"], "synonyms_en": ["deep learning", "neural networks"]},
{"slug": "computer-vision", "name_zh": "计算机视觉", "name_en": "Computer vision", "parent": "artificial-intelligence", "synonyms_zh": ["机器视觉", "图像识别", "视觉检测"], "synonyms_en": ["machine vision", "image recognition", "visual inspection"]},
{"slug": "nlp", "name_zh": "自然语言处理", "name_en": "Natural language processing", "parent": "artificial-intelligence", "synonyms_zh": ["文本挖掘", "语音识别"], "synonyms_en": ["nlp", "text mining", "speech recognition"]},
{"slug": "large-models", "name_zh": "大模型", "name_en": "Large models", "parent": "artificial-intelligence", "synonyms_zh": ["大语言模型", "生成式人工智能", "AIGC"], "synonyms_en": ["large language models", "llm", "generative ai"]},
{"slug": "iot", "name_zh": "物联网", "name_en": "Internet of Things", "parent": "ai-iot", "synonyms_zh": ["IoT", "万物互联"], "synonyms_en": ["iot", "connected devices"]},
{"slug": "industrial-iot", "name_zh": "工业物联网", "name_en": "Industrial IoT", "parent": "iot", "synonyms_zh": ["工业互联网", "IIoT", "设备联网"], "synonyms_en": ["industrial internet", "iiot"]},
{"slug": "low-power-iot", "name_zh": "低功耗物联网", "name_en": "Low-power IoT", "parent": "iot", "synonyms_zh": ["NB-IoT", "LoRa", "低功耗广域网"], "synonyms_en": ["lpwan", "nb-iot", "lora"]},
{"slug": "sensors", "name_zh": "传感器", "name_en": "Sensors", "parent": "iot", "synonyms_zh": ["智能传感", "传感技术"], "synonyms_en": ["smart sensors", "sensing"]},
{"slug": "predictive-maintenance", "name_zh": "预测性维护", "name_en": "Predictive maintenance", "parent": "industrial-iot", "synonyms_zh": ["远程运维", "设备运维", "智能运维"], "synonyms_en": ["remote maintenance", "condition-based maintenance"]},
{"slug": "edge-computing", "name_zh": "边缘计算", "name_en": "Edge computing", "parent": "ai-iot", "synonyms_zh": ["边缘智能"], "synonyms_en": ["edge ai"]},
{"slug": "big-data", "name_zh": "大数据", "name_en": "Big data", "parent": "ai-iot", "synonyms_zh": ["数据分析", "数据挖掘", "数据治理"], "synonyms_en": ["data analytics", "data mining", "data governance"]},
{"slug": "cloud-computing", "name_zh": "云计算", "name_en": "Cloud computing", "parent": "ai-iot", "synonyms_zh": ["云平台", "SaaS"], "synonyms_en": ["cloud platform", "saas"]},
{"slug": "digital-twin", "name_zh": "数字孪生", "name_en": "Digital twin", "parent": "ai-iot", "synonyms_zh": ["虚拟仿真", "数字化仿真"], "synonyms_en": ["virtual simulation"]},
{"slug": "cybersecurity", "name_zh": "网络安全", "name_en": "Cybersecurity", "parent": "ai-iot", "synonyms_zh": ["信息安全", "数据安全"], "synonyms_en": ["information security", "data security"]},
{"slug": "software-development", "name_zh": "软件开发", "name_en": "Software development", "parent": "ai-iot", "synonyms_zh": ["软件工程", "应用开发"], "synonyms_en": ["software engineering", "app development"]},
{"slug": "digital-transformation", "name_zh": "数字化转型", "name_en": "Digital transformation", "parent": "ai-iot", "synonyms_zh": ["企业数字化", "智慧化改造", "信息化"], "synonyms_en": ["digitalisation", "enterprise digitalization"]},
{"slug": "biomedicine", "name_zh": "生物医药", "name_en": "Biomedicine", "parent": null, "synonyms_zh": ["医药", "生物医学", "大健康"], "synonyms_en": ["biomedical", "pharmaceuticals", "life sciences"]},
{"slug": "drug-discovery", "name_zh": "新药研发", "name_en": "Drug discovery", "parent": "biomedicine", "synonyms_zh": ["药物研发", "创新药", "药物设计"], "synonyms_en": ["drug development", "new drugs"]},
{"slug": "marine-drugs", "name_zh": "海洋药物", "name_en": "Marine drugs", "parent": "biomedicine", "synonyms_zh": ["海洋生物医药", "海洋生物制品"], "synonyms_en": ["marine pharmaceuticals", "marine bioproducts"]},
{"slug": "medical-devices", "name_zh": "医疗器械", "name_en": "Medical devices", "parent": "biomedicine", "synonyms_zh": ["医疗设备", "医用器械"], "synonyms_en": ["medical equipment"]},
{"slug": "in-vitro-diagnostics", "name_zh": "体外诊断", "name_en": "In vitro diagnostics", "parent": "medical-devices", "synonyms_zh": ["IVD", "检测试剂"], "synonyms_en": ["ivd", "diagnostic reagents"]},
{"slug": "biotechnology", "name_zh": "生物技术", "name_en": "Biotechnology", "parent": "biomedicine", "synonyms_zh": ["生物工程", "发酵工程"], "synonyms_en": ["bioengineering", "fermentation"]},
{"slug": "synthetic-biology", "name_zh": "合成生物学", "name_en": "Synthetic biology", "parent": "biotechnology", "synonyms_zh": ["合成生物"], "synonyms_en": ["synbio"]},
{"slug": "gene-therapy", "name_zh": "基因治疗", "name_en": "Gene therapy", "parent": "biomedicine", "synonyms_zh": ["基因编辑", "基因技术"], "synonyms_en": ["gene editing", "crispr"]},
{"slug": "cell-therapy", "name_zh": "细胞治疗", "name_en": "Cell therapy", "parent": "biomedicine", "synonyms_zh": ["干细胞", "免疫细胞治疗"], "synonyms_en": ["stem cells", "car-t"]},
{"slug": "vaccines", "name_zh": "疫苗", "name_en": "Vaccines", "parent": "biomedicine", "synonyms_zh": ["疫苗研发"], "synonyms_en": ["vaccine development"]},
{"slug": "traditional-chinese-medicine", "name_zh": "中医药", "name_en": "Traditional Chinese medicine", "parent": "biomedicine", "synonyms_zh": ["中药", "中医"], "synonyms_en": ["tcm", "herbal medicine"]},
{"slug": "biopharmaceutical-manufacturing", "name_zh": "生物制药", "name_en": "Biopharmaceutical manufacturing", "parent": "biomedicine", "synonyms_zh": ["制药工艺", "药品生产", "GMP"], "synonyms_en": ["pharmaceutical manufacturing", "gmp"]},
{"slug": "clinical-trials", "name_zh": "临床试验", "name_en": "Clinical trials", "parent": "biomedicine", "synonyms_zh": ["临床研究", "注册申报"], "synonyms_en": ["clinical research", "regulatory submission"]},
{"slug": "medical-ai", "name_zh": "智慧医疗", "name_en": "Digital health", "parent": "biomedicine", "synonyms_zh": ["医疗人工智能", "互联网医疗", "远程医疗"], "synonyms_en": ["medical ai", "telemedicine", "ehealth"]},
{"slug": "food-health", "name_zh": "食品营养与安全", "name_en": "Food nutrition and safety", "parent": "biomedicine", "synonyms_zh": ["食品安全", "功能食品", "营养健康"], "synonyms_en": ["food safety", "functional food", "nutrition"]},
{"slug": "new-energy", "name_zh": "新能源", "name_en": "New energy", "parent": null, "synonyms_zh": ["清洁能源", "可再生能源", "能源"], "synonyms_en": ["clean energy", "renewable energy", "energy"]},
{"slug": "energy-storage", "name_zh": "储能", "name_en": "Energy storage", "parent": "new-energy", "synonyms_zh": ["储能系统", "工商业储能", "储能电池", "电池储能"], "synonyms_en": ["battery storage", "energy storage system", "ess"]},
{"slug": "lithium-batteries", "name_zh": "锂电池", "name_en": "Lithium batteries", "parent": "energy-storage", "synonyms_zh": ["动力电池", "锂离子电池", "电池管理系统"], "synonyms_en": ["lithium-ion battery", "battery management system", "bms"]},
{"slug": "battery-thermal-management", "name_zh": "电池热管理", "name_en": "Battery thermal management", "parent": "energy-storage", "synonyms_zh": ["储能电池柜热管理", "电池柜热管理", "电池温控"], "synonyms_en": ["battery cooling"]},
{"slug": "hydrogen", "name_zh": "氢能", "name_en": "Hydrogen energy", "parent": "new-energy", "synonyms_zh": ["燃料电池", "制氢", "储氢"], "synonyms_en": ["fuel cell", "hydrogen production", "hydrogen storage"]},
{"slug": "solar-pv", "name_zh": "光伏", "name_en": "Solar photovoltaics", "parent": "new-energy", "synonyms_zh": ["太阳能", "光伏发电", "太阳能电池"], "synonyms_en": ["photovoltaics", "solar power", "solar cells"]},
{"slug": "wind-power", "name_zh": "风电", "name_en": "Wind power", "parent": "new-energy", "synonyms_zh": ["风力发电", "风电机组"], "synonyms_en": ["wind energy", "wind turbines"]},
{"slug": "offshore-wind", "name_zh": "海上风电", "name_en": "Offshore wind", "parent": "wind-power", "synonyms_zh": ["海上风电基础", "海上风机"], "synonyms_en": ["offshore wind power", "offshore wind foundations"]},
{"slug": "smart-grid", "name_zh": "智能电网", "name_en": "Smart grid", "parent": "new-energy", "synonyms_zh": ["微电网", "配电网", "虚拟电厂"], "synonyms_en": ["microgrid", "virtual power plant"]},
{"slug": "carbon-neutrality", "name_zh": "碳达峰碳中和", "name_en": "Carbon peak and neutrality", "parent": "new-energy", "synonyms_zh": ["双碳", "碳中和", "碳达峰", "碳排放"], "synonyms_en": ["carbon neutrality", "decarbonisation", "carbon emissions"]},
{"slug": "ccus", "name_zh": "碳捕集利用与封存", "name_en": "Carbon capture, utilisation and storage", "parent": "carbon-neutrality", "synonyms_zh": ["碳捕集", "CCUS"], "synonyms_en": ["carbon capture", "ccus"]},
{"slug": "electric-vehicles", "name_zh": "新能源汽车", "name_en": "Electric vehicles", "parent": "new-energy", "synonyms_zh": ["电动汽车", "充电桩", "充换电"], "synonyms_en": ["ev", "charging stations"]},
{"slug": "energy-management", "name_zh": "综合能源管理", "name_en": "Energy management", "parent": "new-energy", "synonyms_zh": ["能源管理", "综合能源服务", "能耗监测"], "synonyms_en": ["energy services", "energy monitoring"]},
{"slug": "ocean-energy", "name_zh": "海洋能", "name_en": "Ocean energy", "parent": "new-energy", "synonyms_zh": ["波浪能", "潮流能", "潮汐能"], "synonyms_en": ["wave energy", "tidal energy"]},
{"slug": "hr-talent", "name_zh": "人力资源与人才", "name_en": "HR and talent", "parent": null, "synonyms_zh": ["人才发展", "人才工作"], "synonyms_en": ["talent development", "human capital"]},
{"slug": "talent-policy", "name_zh": "人才政策", "name_en": "Talent policy", "parent": "hr-talent", "synonyms_zh": ["人才发展规划", "人才政策评估", "区域人才政策"], "synonyms_en": ["talent policies", "talent development planning"]},
{"slug": "talent-recruitment", "name_zh": "人才引进", "name_en": "Talent recruitment", "parent": "hr-talent", "synonyms_zh": ["柔性引才", "引才", "招聘", "高层次人才引进"], "synonyms_en": ["talent attraction", "recruitment", "headhunting"]},
{"slug": "hr-management", "name_zh": "人力资源管理", "name_en": "Human resource management", "parent": "hr-talent", "synonyms_zh": ["人力资源", "HR", "组织发展"], "synonyms_en": ["hr", "human resources", "organisational development"]},
{"slug": "compensation-performance", "name_zh": "薪酬绩效", "name_en": "Compensation and performance", "parent": "hr-management", "synonyms_zh": ["绩效管理", "薪酬设计", "股权激励"], "synonyms_en": ["compensation", "performance management", "equity incentives"]},
{"slug": "vocational-training", "name_zh": "职业培训", "name_en": "Vocational training", "parent": "hr-talent", "synonyms_zh": ["员工培训", "技能培训", "企业内训"], "synonyms_en": ["employee training", "skills training"]},
{"slug": "university-industry", "name_zh": "产学研合作", "name_en": "University–industry cooperation", "parent": "hr-talent", "synonyms_zh": ["校企合作", "产学研", "联合研发"], "synonyms_en": ["industry-university cooperation", "joint r&d"]},
{"slug": "postdoctoral-stations", "name_zh": "博士后工作站", "name_en": "Postdoctoral workstations", "parent": "hr-talent", "synonyms_zh": ["博士后科研工作站", "博士后"], "synonyms_en": ["postdoctoral programme"]},
{"slug": "talent-evaluation", "name_zh": "人才评价", "name_en": "Talent evaluation", "parent": "hr-talent", "synonyms_zh": ["职称评审", "人才认定"], "synonyms_en": ["professional title evaluation"]},
{"slug": "policy-application", "name_zh": "政策申报", "name_en": "Policy and grant applications", "parent": "hr-talent", "synonyms_zh": ["项目申报", "政策解读", "申报辅导", "惠企政策"], "synonyms_en": ["grant application", "policy consulting", "funding application"]},
{"slug": "high-tech-certification", "name_zh": "高新技术企业认定", "name_en": "High-tech enterprise certification", "parent": "policy-application", "synonyms_zh": ["高企认定", "高新认定", "专精特新"], "synonyms_en": ["high-tech enterprise", "specialised and innovative sme"]},
{"slug": "entrepreneurship", "name_zh": "创新创业", "name_en": "Innovation and entrepreneurship", "parent": "hr-talent", "synonyms_zh": ["双创", "创新创业管理", "创业"], "synonyms_en": ["startups", "entrepreneurship"]},
{"slug": "incubation", "name_zh": "创业孵化", "name_en": "Incubation", "parent": "entrepreneurship", "synonyms_zh": ["孵化器", "众创空间", "加速器", "孵化服务"], "synonyms_en": ["incubator", "maker space", "accelerator"]},
{"slug": "law-ip", "name_zh": "法律与知识产权", "name_en": "Law and intellectual property", "parent": null, "synonyms_zh": ["法律服务", "法务"], "synonyms_en": ["legal services", "law"]},
{"slug": "intellectual-property", "name_zh": "知识产权", "name_en": "Intellectual property", "parent": "law-ip", "synonyms_zh": ["知识产权保护", "知识产权管理", "IP"], "synonyms_en": ["ip", "ip protection", "ip management"]},
{"slug": "patents", "name_zh": "专利", "name_en": "Patents", "parent": "intellectual-property", "synonyms_zh": ["发明专利", "专利申请", "专利布局", "专利检索"], "synonyms_en": ["patent", "patent application", "patent portfolio"]},
{"slug": "trademarks", "name_zh": "商标", "name_en": "Trademarks", "parent": "intellectual-property", "synonyms_zh": ["商标注册", "商标保护"], "synonyms_en": ["trademark", "trademark registration"]},
{"slug": "copyright", "name_zh": "著作权", "name_en": "Copyright", "parent": "intellectual-property", "synonyms_zh": ["版权", "软件著作权", "软著"], "synonyms_en": ["software copyright"]},
{"slug": "trade-secrets", "name_zh": "商业秘密", "name_en": "Trade secrets", "parent": "intellectual-property", "synonyms_zh": ["保密", "技术秘密"], "synonyms_en": ["confidential information", "know-how"]},
{"slug": "technology-transfer", "name_zh": "技术转移", "name_en": "Technology transfer", "parent": "law-ip", "synonyms_zh": ["成果转化", "科技成果转化", "技术转让", "技术交易"], "synonyms_en": ["tech transfer", "commercialisation of research"]},
{"slug": "licensing", "name_zh": "专利许可", "name_en": "Licensing", "parent": "technology-transfer", "synonyms_zh": ["技术许可", "许可贸易"], "synonyms_en": ["patent licensing", "technology licensing"]},
{"slug": "contract-law", "name_zh": "合同法务", "name_en": "Contract law", "parent": "law-ip", "synonyms_zh": ["合同审查", "合同纠纷", "合同"], "synonyms_en": ["contracts", "contract review"]},
{"slug": "compliance", "name_zh": "企业合规", "name_en": "Corporate compliance", "parent": "law-ip", "synonyms_zh": ["合规", "合规管理", "风险合规"], "synonyms_en": ["compliance management", "regulatory compliance"]},
{"slug": "data-protection", "name_zh": "数据合规", "name_en": "Data protection", "parent": "law-ip", "synonyms_zh": ["个人信息保护", "隐私保护", "数据出境"], "synonyms_en": ["privacy", "personal information protection", "gdpr"]},
{"slug": "labor-law", "name_zh": "劳动法", "name_en": "Labour law", "parent": "law-ip", "synonyms_zh": ["劳动合同", "劳动争议", "用工合规"], "synonyms_en": ["employment law", "labor law"]},
{"slug": "dispute-resolution", "name_zh": "纠纷解决", "name_en": "Dispute resolution", "parent": "law-ip", "synonyms_zh": ["仲裁", "诉讼", "调解"], "synonyms_en": ["arbitration", "litigation", "mediation"]},
{"slug": "foreign-trade-law", "name_zh": "涉外法律", "name_en": "International trade law", "parent": "law-ip", "synonyms_zh": ["国际贸易法", "出口管制", "反倾销"], "synonyms_en": ["trade law", "export control"]},
{"slug": "management-marketing", "name_zh": "管理与营销", "name_en": "Management and marketing", "parent": null, "synonyms_zh": ["经营管理", "工商管理"], "synonyms_en": ["business administration", "management"]},
{"slug": "strategic-management", "name_zh": "战略管理", "name_en": "Strategic management", "parent": "management-marketing", "synonyms_zh": ["企业战略", "发展战略", "战略规划"], "synonyms_en": ["corporate strategy", "strategic planning"]},
{"slug": "enterprise-management", "name_zh": "企业管理", "name_en": "Enterprise management", "parent": "management-marketing", "synonyms_zh": ["企业管理咨询", "管理咨询", "组织管理"], "synonyms_en": ["management consulting", "business management"]},
{"slug": "marketing", "name_zh": "市场营销", "name_en": "Marketing", "parent": "management-marketing", "synonyms_zh": ["营销", "市场推广", "销售"], "synonyms_en": ["sales", "market promotion"]},
{"slug": "brand-management", "name_zh": "品牌管理", "name_en": "Brand management", "parent": "marketing", "synonyms_zh": ["品牌建设", "品牌推广", "品牌影响力", "品牌"], "synonyms_en": ["branding", "brand building", "brand promotion"]},
{"slug": "digital-marketing", "name_zh": "数字营销", "name_en": "Digital marketing", "parent": "marketing", "synonyms_zh": ["网络营销", "新媒体营销", "直播电商", "社交媒体营销"], "synonyms_en": ["online marketing", "social media marketing", "live commerce"]},
{"slug": "market-research", "name_zh": "市场调研", "name_en": "Market research", "parent": "marketing", "synonyms_zh": ["市场分析", "用户研究", "消费者研究"], "synonyms_en": ["market analysis", "consumer research"]},
{"slug": "market-expansion", "name_zh": "市场开拓", "name_en": "Market expansion", "parent": "marketing", "synonyms_zh": ["国际市场开拓", "出海", "渠道拓展"], "synonyms_en": ["international expansion", "channel development"]},
{"slug": "cross-border-ecommerce", "name_zh": "跨境电商", "name_en": "Cross-border e-commerce", "parent": "marketing", "synonyms_zh": ["跨境电子商务", "外贸电商"], "synonyms_en": ["cross-border ecommerce", "export e-commerce"]},
{"slug": "cultural-creative", "name_zh": "文化创意产业", "name_en": "Cultural and creative industries", "parent": "management-marketing", "synonyms_zh": ["文创", "文化创意", "文旅融合"], "synonyms_en": ["creative industries", "cultural tourism"]},
{"slug": "supply-chain-management", "name_zh": "供应链管理", "name_en": "Supply chain management", "parent": "management-marketing", "synonyms_zh": ["供应链优化", "采购管理", "物流管理"], "synonyms_en": ["supply chain", "procurement", "logistics management"]},
{"slug": "quality-management", "name_zh": "质量管理", "name_en": "Quality management", "parent": "management-marketing", "synonyms_zh": ["质量体系", "ISO9001", "六西格玛"], "synonyms_en": ["quality systems", "six sigma"]},
{"slug": "lean-production", "name_zh": "精益生产", "name_en": "Lean production", "parent": "management-marketing", "synonyms_zh": ["精益管理", "生产管理"], "synonyms_en": ["lean manufacturing", "operations management"]},
{"slug": "project-management", "name_zh": "项目管理", "name_en": "Project management", "parent": "management-marketing", "synonyms_zh": ["项目管控", "PMP"], "synonyms_en": ["pmp", "programme management"]},
{"slug": "business-model", "name_zh": "商业模式创新", "name_en": "Business model innovation", "parent": "management-marketing", "synonyms_zh": ["商业模式", "商业计划"], "synonyms_en": ["business model", "business plan"]}
]
"""
)


def seed_topics(Topic, rows):
    by_slug = {t.slug: t for t in Topic.objects.all()}
    for row in rows:
        slug, parent = row["slug"], row["parent"]
        values = {
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "parent": by_slug[parent] if parent else None,
            "synonyms_zh": list(row["synonyms_zh"]),
            "synonyms_en": list(row["synonyms_en"]),
        }
        topic = by_slug.get(slug)
        if topic is None:
            by_slug[slug] = Topic.objects.create(slug=slug, **values)
        elif any(getattr(topic, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(topic, key, value)
            topic.save()


def forwards(apps, schema_editor):
    seed_topics(apps.get_model("profiles", "Topic"), TAXONOMY)

    Company = apps.get_model("profiles", "Company")
    by_name = {name: code for code, name in INDUSTRY_ZH.items()}
    for company in Company.objects.exclude(industry=""):
        label = company.industry.strip()
        code = by_name.get(label) or next(
            (c for word, c in INDUSTRY_WORDS if word in label.casefold()), ""
        )
        if len(label) == 1 and label.upper() in INDUSTRY_ZH:
            code = label.upper()
        Company.objects.filter(pk=company.pk).update(industry=code)

    ExpertProfile = apps.get_model("profiles", "ExpertProfile")
    for profile in ExpertProfile.objects.filter(user__isnull=False, claimed_at__isnull=True):
        ExpertProfile.objects.filter(pk=profile.pk).update(claimed_at=profile.created_at)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_topics_and_profile_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
