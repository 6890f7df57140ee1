package corpus

// The word lists of the corpus, in the order of gencorpus.py: the generator
// draws indexes into them, so their order is part of the corpus.

// sections are the folders of the corpus: slug, Chinese and English names.
var sections = []named{
	{"residence", "居留与签证", "Residence and visas"},
	{"tax", "税务", "Tax"},
	{"vehicle", "车辆与驾照", "Vehicles and driving"},
	{"business", "企业登记", "Business registration"},
	{"health", "医疗保险", "Health insurance"},
	{"education", "教育", "Education"},
	{"family", "婚姻与家庭", "Marriage and family"},
	{"housing", "住房", "Housing"},
}

// objects are what a procedure is about: slug part, Chinese, English.
var objects = []named{
	{"residence-permit", "居留许可", "residence permit"},
	{"work-permit", "工作许可", "work permit"},
	{"tax-number", "税号", "tax number"},
	{"driving-licence", "驾驶执照", "driving licence"},
	{"vehicle-registration", "车辆登记", "vehicle registration"},
	{"business-licence", "营业执照", "business licence"},
	{"health-card", "医保卡", "health insurance card"},
	{"school-place", "入学名额", "school place"},
	{"marriage-certificate", "结婚证", "marriage certificate"},
	{"birth-certificate", "出生证明", "birth certificate"},
	{"rental-contract", "租房合同", "rental contract"},
	{"address-registration", "住址登记", "address registration"},
	{"bank-account", "银行账户", "bank account"},
	{"passport", "护照", "passport"},
	{"social-security", "社会保险号", "social security number"},
	{"pension", "养老金", "pension"},
	{"child-benefit", "子女补贴", "child benefit"},
	{"parking-permit", "停车许可", "parking permit"},
	{"building-permit", "建筑许可", "building permit"},
	{"criminal-record", "无犯罪记录证明", "criminal record certificate"},
}

// actions are what a procedure does: slug part, Chinese, English.
var actions = []named{
	{"apply", "申请", "apply for"},
	{"renew", "续办", "renew"},
	{"replace", "补办", "replace"},
	{"change", "变更", "change"},
	{"cancel", "注销", "cancel"},
	{"transfer", "转移", "transfer"},
	{"extend", "延期", "extend"},
	{"verify", "核验", "verify"},
}

// docs are the documents a step asks for, in Chinese and English.
var docs = []pair{
	{"护照原件及复印件", "original passport and a copy"},
	{"身份证明", "proof of identity"},
	{"近期证件照两张", "two recent passport photos"},
	{"住址证明", "proof of address"},
	{"租房合同", "rental contract"},
	{"劳动合同", "employment contract"},
	{"银行流水", "bank statements"},
	{"收入证明", "proof of income"},
	{"医疗保险证明", "proof of health insurance"},
	{"申请表", "completed application form"},
	{"出生证明公证件", "notarised birth certificate"},
	{"结婚证翻译件", "certified translation of the marriage certificate"},
	{"缴费凭证", "payment receipt"},
	{"旧证件", "old document"},
	{"授权委托书", "power of attorney"},
	{"学历证明", "proof of education"},
}

// places are where a step is done.
var places = []pair{
	{"市民服务中心", "the citizen service centre"},
	{"外国人管理局", "the immigration office"},
	{"税务局", "the tax office"},
	{"车辆管理所", "the vehicle registration office"},
	{"工商登记处", "the trade register office"},
	{"社区办事处", "the local district office"},
	{"网上办事大厅", "the online service portal"},
	{"医疗保险公司", "the health insurer"},
	{"教育局", "the education authority"},
	{"婚姻登记处", "the registry office"},
}

// fees are what a step costs.
var fees = []pair{
	{"免费", "Free"},
	{"20 元", "EUR 20"},
	{"37 元", "EUR 37"},
	{"50 元", "EUR 50"},
	{"80 元", "EUR 80"},
	{"100 元", "EUR 100"},
	{"按收入计算", "Depends on income"},
	{"150 元（加急另收 50 元）", "EUR 150 (express: +EUR 50)"},
}

// stepVerbs name the steps.
var stepVerbs = []pair{
	{"预约", "Book an appointment"},
	{"准备材料", "Prepare the documents"},
	{"填写申请表", "Fill in the application form"},
	{"提交申请", "Submit the application"},
	{"缴纳费用", "Pay the fee"},
	{"参加面谈", "Attend the interview"},
	{"采集指纹", "Give fingerprints"},
	{"等待审核", "Wait for the review"},
	{"领取证件", "Collect the document"},
	{"登记信息", "Register the details"},
	{"核对信息", "Check the details"},
	{"办理公证", "Get a notarisation"},
}

// sentenceWords are the parts of one language's sentences and headings.
type sentenceWords struct {
	subj, adv, time, verb, tail, conn []string
	// filler is only used in English.
	filler []string
	h2, h3 []string
}

// zhWords make the Chinese bodies.
var zhWords = sentenceWords{
	subj: []string{"申请人", "您", "本人", "代办人", "家属", "雇主", "外籍人员", "学生", "房东", "企业负责人"},
	adv:  []string{"通常", "一般", "务必", "最好", "必须", "可以", "建议", "需要", "应当", "尽量"},
	time: []string{"在工作日内", "提前两周", "在截止日期前", "入境后三十天内", "到期前六十天", "当天上午", "在预约时间前十分钟", "收到通知后", "办理完成后", "在网上预约后"},
	verb: []string{"提交", "准备", "携带", "核对", "上传", "打印", "填写", "翻译", "公证", "复印", "领取", "确认"},
	tail: []string{"以免耽误办理进度", "否则申请可能被退回", "具体要求以官方通知为准", "部分窗口只接受现金", "不同城市的规定可能不同", "材料不全时需要再次预约", "处理时间约为两到四周", "可以委托他人代办", "网上申请通常更快", "如有疑问可拨打咨询电话"},
	conn: []string{"此外，", "另外，", "需要注意的是，", "一般来说，", "如果材料齐全，", "在高峰期，", "对于首次申请，", "根据最新规定，", "为了节省时间，", "在某些情况下，"},
	h2:   []string{"适用对象", "办理条件", "所需材料", "办理流程", "费用说明", "办理时限", "常见问题", "注意事项", "相关链接", "特殊情况"},
	h3:   []string{"首次办理", "续办", "代办", "网上办理", "加急处理", "未成年人", "家属随行", "材料翻译"},
}

// enWords make the English bodies.
var enWords = sentenceWords{
	subj:   []string{"The applicant", "You", "Your employer", "A representative", "Family members", "Students", "The landlord", "The company director", "Foreign nationals", "Everyone"},
	adv:    []string{"usually", "normally", "always", "should", "must", "may", "are advised to", "need to", "can", "often"},
	time:   []string{"within working days", "two weeks in advance", "before the deadline", "within thirty days of arrival", "sixty days before expiry", "in the morning", "ten minutes before the appointment", "after receiving the letter", "once the process is complete", "after booking online"},
	verb:   []string{"submit", "prepare", "bring", "check", "upload", "print", "fill in", "translate", "certify", "copy", "collect", "confirm"},
	tail:   []string{"to avoid delays", "otherwise the application may be returned", "official notices take precedence", "some counters only accept cash", "rules differ between cities", "incomplete files require a new appointment", "processing takes two to four weeks", "a representative may act on your behalf", "online applications are usually faster", "call the hotline if you are unsure"},
	conn:   []string{"In addition, ", "Also, ", "Note that ", "In general, ", "If everything is complete, ", "At peak times, ", "For a first application, ", "Under the current rules, ", "To save time, ", "In some cases, "},
	filler: []string{"the relevant", "the original", "a certified", "the required", "the signed", "an official", "the latest", "a printed", "the complete", "a valid"},
	h2:     []string{"Who this applies to", "Requirements", "Documents", "Procedure", "Fees", "Processing time", "Frequently asked questions", "Things to note", "Related pages", "Special cases"},
	h3:     []string{"First application", "Renewal", "Acting for someone else", "Online", "Express processing", "Minors", "Accompanying family", "Translations"},
}
