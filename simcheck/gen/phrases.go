package gen

import "strings"

// The official phrase bank. Morphemes and stock phrases that the writer mixes
// with the content words of vocab.go: a compound noun is a field plus a kind
// of work (党建+台账), a place is a direction, a landform and a level
// (东+山+镇), and framework headings, lapses and results recur across
// statements as they do in real ones. Runs longer than a few words are rare
// unless copied or stock — which is what 查重 has to tell apart.

var fields = strings.Fields(`党建 政务 基层 民生 廉政 安全 信访 财务 人事 宣传 组织 纪检 执法 服务 项目 招商
环保 教育 卫生 养老 就业 社保 应急 统计 审计 档案 保密 法治 文明 信息 网络 数据 干部 人才 机关 社区
乡村 产业 科技 文化 体育 交通 水利 农业 工业 商贸 消防 统战 工会 妇联 舆情 预算 国资 住建 规划 城管
救助 婚登 殡葬 慈善 双拥 优抚 地名 区划 志愿 物业`)

var works = strings.Fields(`工作 管理 制度 机制 台账 队伍 责任 任务 平台 体系 考核 督查 培训 服务 调研 整改
风险 资金 流程 标准 清单 阵地 窗口 档案 会议 活动 规划 数据 协商 监管 改革 建设 宣讲 评估 调度 保障`)

var verbs = strings.Fields(`推进 落实 抓好 强化 完善 健全 部署 研究 督促 检查 指导 协调 统筹 谋划 调研 学习
贯彻 宣传 培训 考核 整改 解决 化解 防范 排查 保障 推动 深化 优化 规范 加强 改进 提升 压实 夯实 筑牢
坚持 发挥 建立 跟踪 通报 约谈 提醒 分析 研判 总结 评估 对接 走访 听取 征求 反馈 梳理 摸排 监督 把关`)

var adverbs = strings.Fields(`还 仍 有时 往往 一度 尚未 没有 不够 较少 未能 很少 难以 仍然 依然 多少 偶尔`)

var subjects = strings.Fields(`自己 本人 班子成员 分管部门 机关干部 基层党组织 党员干部 领导班子 支部班子 个别同志
青年干部 科室负责人 联系点单位 直属单位 业务处室 窗口单位 机关党委 党支部书记 驻村工作队 执法队伍
综合办公室 信息中心 下属企业 事业单位`)

var lapses = strings.Fields(`不够深入 仍有差距 有待加强 还不到位 不够系统 流于形式 存在短板 重视不够 缺乏韧劲
浅尝辄止 推进不力 落实不细 标准不高 质量不优 成效不明显 统筹不够 跟进不及时 办法不多 力度不够大
底数不清 衔接不紧 主动性不强 针对性不强 持续性不够 抓得不实 用力不均 盯得不紧 问效不够`)

var adverbials = strings.Fields(`在一定程度上 平时 面对新形势新任务 在具体工作中 从实际情况看 特别是 对照先进典型
在急难险重任务面前 结合年度考核 从群众反映看 对照巡视反馈意见 在推进过程中 回头看 在基层调研时
对标上级要求 从监督检查看 深入剖析 客观地讲 反思起来 坦率地说`)

var results = strings.Fields(`影响了工作成效 离群众期盼还有距离 导致部分任务滞后 没有形成闭环 效果打了折扣
群众满意度不高 制约了工作推进 存在重部署轻落实现象 问题反弹回潮 示范作用发挥不够 工作合力没有形成
存在上热中温下冷 没有真正解决问题 长效机制不健全 服务意识淡化`)

var directions = strings.Fields(`东 西 南 北 新 老 青 红 金 石 桃 柳 杨 凤 龙 马`)
var landforms = strings.Fields(`山 河 湖 桥 港 园 坪 岗 塘 湾 营 庄`)
var levels = strings.Fields(`镇 村 社区 街道 乡 片区`)

var openers = strings.Fields(`按照 根据 遵照 落实 对照`)

var closers = strings.Fields(`现对照检查如下 现将对照检查情况报告如下 现作对照检查发言 下面作对照检查 现报告如下`)

var units = strings.Fields(`家 篇 次 人次 项 个 条 场`)

var periods = strings.Fields(`全年 每季度 每月 年内 半年内 三个月内 每半年`)

var aspects = strings.Fields(`在带头深刻感悟两个确立的决定性意义方面 在带头弘扬伟大建党精神方面
在带头践行以人民为中心的发展思想方面 在带头增强历史自觉方面 在带头落实全面从严治党政治责任方面
在理论学习方面 在政治素质方面 在能力本领方面 在担当作为方面 在工作作风方面 在廉洁自律方面`)

var causeHeads = strings.Fields(`理论学习不够深入 宗旨意识有所淡化 党性修养有所放松 担当精神不够强
纪律规矩意识不够牢 作风建设抓得不够实 斗争精神不够足 系统思维不够强`)

var substitutes = []rune("的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")
