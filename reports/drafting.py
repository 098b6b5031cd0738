"""The first draft of a year's report, in the national structure, following the bureau's 2021 text.

Every figure is a placeholder bound to a registered statistic (see reports.figures); nothing here is
a typed count. Slogans that contain numerals ("三年计划一年完成", "十大行动", "两书一信") are names of
policies, not figures. `%Y` and `%P` stand for the report's year and the year before.
"""

import re
from dataclasses import dataclass

from .models import BlockKind, BlockOrigin

H, P, I = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM  # noqa: E741

# The four parts every 法治政府建设年度报告 has (the national template), in order.
NATIONAL_PARTS = [
    "%Y年度推进法治政府建设的主要举措和成效",
    "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
    "下一年度推进法治政府建设的主要安排",
]
OTHER_MATTERS = "其他需要报告的事项"


@dataclass
class DraftBlock:
    kind: str
    level: int
    text: str
    slot: str = ""
    origin: str = BlockOrigin.WRITTEN


PREAMBLE = [
    (
        P,
        "区教育局法治工作按照区委建设“平安婺城”“法治婺城”的总体部署，紧紧围绕建设现代化都市核心区的总体目标，"
        "深入推进依法行政、依法治教，积极推动教育管理与服务法治化进程，促进我区教育事业不断向前发展。主要工作汇报如下：",
    ),
]

MEASURES = [
    (H, 1, NATIONAL_PARTS[0]),
    (H, 2, "切实加强普法组织领导"),
    (
        I,
        "细化教育系统的普法方案。按照普法规划的新要求，教育局调整了普法工作领导小组，加强普法依法治理工作领导力度。"
        "每年制定普法工作要点，对年度普法工作进行详细部署。根据“谁执法谁普法”“谁主管谁负责”责任制，"
        "对各科室、各部门的工作进行细化。",
    ),
    (
        I,
        "强化机关干部的法治教育。对机关干部法治意识、法治观念和法治能力的养成与提高十分重视。在全局学习例会上，"
        "安排法律知识学习，带头用法治思维和法治手段推进教育改革发展。一年来多次组织机关干部对习近平谈治国理政"
        "以及中央省市区等重要文件精神的学习。",
    ),
    (
        I,
        "深化执法队伍建设。目前，我局持有“行政执法证”的在职人员{{inspections.officers_certified|number}}人。"
        "%Y年{{inspections.exam_cadres|number}}名区管干部、{{inspections.exam_civil_servants|number}}名公务员"
        "参加了学法用法考试。",
    ),
    (H, 2, "深入推进教育依法行政"),
    (
        I,
        "实行权责清单动态管理。根据有关工作部署，我局调整行政权力清单、责任清单、公共服务事项清单，及时向社会公布。"
        "简化行政审批环节，提升服务质量。按照简化程序、明确责任、提高效率的原则，严格按照省里的“八统一”要求进行行政审批。",
    ),
    (
        I,
        "加强事中事后监管。为进一步推进放管结合、创新教育管理方式，规范教育执法行为，根据省、市关于推进随机抽查"
        "规范事中事后监管的要求，我局上报了一单两库一细则，对民办学校、民办培训机构及幼儿园明确建立“双随机”抽查机制。",
    ),
    (
        I,
        "加强教育规范性文件管理。严格落实《浙江省人民政府办公厅关于做好地方性法规、规章、规范性文件清理工作的通知》"
        "的有关要求；严格按照规范性文件制定和报请审查备案程序、格式要求起草规范性文件；严格按要求送审、发布。"
        "扎实做好政务公开工作。进一步规范政务公开工作流程，深化教育系统政府信息公开工作，依托门户网站，不断加大招生、"
        "人事、规划计划、政府采购、财政资金等重点领域政府信息公开力度，不断提高工作的透明度。",
    ),
    (H, 2, "全面开展依法治教依法治校"),
    (
        I,
        "认真贯彻落实“谁执法谁普法、谁主管谁普法”责任制。加强宪法宣传教育和贯彻实施，紧盯领导干部、教师和青少年学生"
        "三大普法重点对象，创新形式方法，丰富资源平台，不断增强法治意识，进一步形成上下联动、内外支持、全面覆盖的"
        "法治宣传教育新格局。",
    ),
    (
        I,
        "加大校务公开工作力度。严格执行收费公示制，采用公示牌、公示栏、公示墙等方式，在校园显眼的位置向社会公布收费项目、"
        "收费标准、收费依据、收费范围及投诉电话等相关内容；严格执行经国家和省政府批准的中小学收费、代收费项目和标准，"
        "完善中小学、幼儿园收费制度。",
    ),
    (
        I,
        "推动全区学校聘请法律顾问工作。为推动依法治教，不断提升学校依法治校水平，我局制定下发了《金华市婺城区教育局"
        "关于印发〈婺城区教育系统法律顾问聘任与管理办法〉的通知》，在全区中小学范围内开展聘请法律顾问工作。"
        "通过学校聘请法律顾问，使学校能够运用法律手段防范办学风险，依法依规保护学生、教师和学校合法利益。"
        "全区{{legalaid.counsel_schools|number}}所学校聘请了法律顾问，法律顾问覆盖率达{{legalaid.counsel_coverage}}；"
        "法律顾问全年提供服务{{legalaid.services_total}}，其中{{legalaid.services_by_kind}}。",
    ),
]

SCHOOL_FORMS = (
    I,
    "推行依法治校年度报告制度。全区{{reports.school_forms_total|number}}所学校应报%Y年度《依法治校年度报告表》，"
    "已提交{{reports.school_forms_submitted|number}}所，提交率{{reports.school_forms_rate}}"
    "（{{reports.school_forms_by_status}}）；"
    "各校报告聘请法律顾问{{reports.school_forms_counsel|number}}所，开展普法活动{{reports.school_forms_activities}}，"
    "发现隐患{{reports.school_forms_hazards_found}}、已整改{{reports.school_forms_hazards_closed}}（详见附表）。",
    "school-forms",
)

CONVERSIONS_FIGURES = (
    "在教育窗口带领的团队努力下，“营转非”转登取得了一些成效：建立全流程“一件事联办”，办事环节由"
    "{{conversions.baseline_steps|number}}个减少到{{conversions.avg_steps|number}}个，办理次数由"
    "{{conversions.baseline_visits|number}}次减少到{{conversions.avg_visits|number}}次，大大压缩了办理时间。"
    "截至目前，教育压减率达{{conversions.reduction_rate}}。"
)
# Dated events of 2021 (the 全省首家 conversion, the media coverage): printed for 2021 only.
CONVERSIONS_2021 = (
    "完成全省首家学科类培训机构“营转非”，"
    "同日完成了全省首个营利性学科类培训机构向非学科类培训机构的变更登记。浙江卫视、浙江教育报、金华日报等媒体"
    "纷纷报道。在浙江省“双减”专班召开全省营利性培训机构转登工作视频会上，教育局作为唯一一个县（市、区）代表发言，"
    "介绍转登工作做法和经验。在浙江省“双减”专班召开“双减”工作调研会上，婺城区作为县（市、区）代表做“压减”"
    "工作汇报。中国教育电视台记者实地考察婺城区“双减”综合办理窗口。婺城区“双减”综合办理窗口——"
    "“一站式服务办出‘营转非’新速度”新闻专题在中国教育电视台一套（CETV1）《全国教育新闻联播》播出。"
)

MEASURES_CONTINUED = [
    (H, 2, "以学校为主阵地，创新普法教育活动"),
    (
        I,
        "充分发挥课堂主阵地宣传教育作用。把普法教育活动纳入正常的教学范围，由班主任和思政课教师担任普法教师，"
        "开展青少年普法教育活动。依托六上法制专册内容，开展了法制教育“卷入式”教研活动，汇集全区思政教师力量，"
        "组织市法制教育优质课评比活动。拓展法制教育形式，切实开展“法制进校园”和“法制进课堂”活动，"
        "提高中小学生的法治观念和法律素质，努力创建“零犯罪学校”。",
    ),
    (
        I,
        "定期开展法治宣传教育专项活动。各中小学根据本校的实际，在学校关工委、政教处、少先队牵头下，把普法教育活动"
        "渗透到学校的德育教育活动中，利用法律宣传月、宣传周、宣传日等载体，组织学生开展禁毒、消防安全、交通安全、"
        "未成年人保护等主题教育活动，对学生进行普法教育。并经常性开展演讲、征文、手抄报、书画比赛、辩论赛、模拟法庭"
        "等各项体验教育活动，让学生在生活中体验，在体验中学习，取得良好的效果。全年开展普法活动"
        "{{legalaid.activities_total}}，参与{{legalaid.activity_participants}}，其中{{legalaid.activities_by_kind}}。",
        "after:activities",
    ),
    (
        I,
        "全面构建家校合作模式。继续依托“两书一信”家校共育品牌，利用各校开办的家长学校，通过“家校通”，"
        "举办家长开放日、建立“家校互联平台”等途径，组织家长参加学校法制讲座，开展“带法回家”“大手小手互牵”等活动，"
        "向家长宣传法律知识和科学的教育方法，推动学校、学生和家长互动式的法律知识学习，不断提高家长的法律意识和"
        "法律素质。配合社区开展居民法制教育活动，帮助社区营造教育氛围，使学生无论是在学校还是在社区，"
        "处处都能感受到学法氛围和法律精神。",
    ),
    (H, 3, "充分发挥“五老”普法教育积极作用"),
    (
        I,
        "疫情防控时期组织“婺城区退离休教师宣讲团”在网上通过快板、道情、朗诵、歌曲、讲座、健身操等形式"
        "开展丰富多彩的宣传活动。",
        "dated:2021",
    ),
    (
        I,
        "开展好人进校园，宣讲正能量活动。夏月秋、叶亦善、朱有权、许纪雁等老师深入全区各中小学进行宣讲"
        "{{legalaid.wulao_talks|number}}场，受教育人数达{{legalaid.wulao_audience|number}}人。",
    ),
    (I, "六一儿童节开展“情系教育，关爱儿童”活动，向琅琊小学、天母山小学、婺城小学赠书。", "dated:2021"),
    (
        I,
        "组织全区中小学开展全国新时代好少年“美好生活，劳动创造”主题教育读书活动，"
        "获奖人数达{{legalaid.reading_winners|number}}人。",
    ),
    (
        I,
        "全区中小学深化“两书一信”活动。推进家庭教育培训指导，使家校合作纵深推进，各种家长课堂、培训交流等不断涌现，"
        "家长“成长”意识不断升华。",
    ),
    (H, 2, "检警校携手共建，创平安法治校园"),
    (H, 3, "紧扣智安校园抓保障，不断提升安防智能化"),
    (
        P,
        "紧扣智安校园“三年计划一年完成”的工作目标，建设一个统一的智安校园管理平台，建设“视频监控系统、人脸识别系统、"
        "车辆识别系统、访客系统、手机MAC”五大基本系统；同时基于学校的防控需求，灵活选配升降柱、周界报警、体温检测、"
        "高空全景监控、宿管系统、智慧用电系统、消防烟感报警器、巡更系统等设施设备实现个性化安全管理措施。"
        "全区{{inspections.smart_campus_schools|number}}所公办中小学及幼儿园（{{inspections.smart_campus_sites|number}}个点位）"
        "智安校园设备安装调试及系统建设完成率{{inspections.smart_campus_rate}}，以上系统能够与公安机关实现数据和视频共享，"
        "形成联防联控机制。全面建成新型“互联网+”智慧平安校园管理体系的数字化改革场景应用。推进校园安全防范由"
        "“被动应付”向“主动防控”转变，由“传统人防”向“三防”的真正转变，建立全流程的长效机制，推进校园安防系统与公安的"
        "有效融合。校园安全防控逐步从纸质化向数字化迈进。",
    ),
    (H, 3, "预防溺水抓合力，不断提升安全意识"),
    (
        P,
        "坚持“三强化三多向”全方位全时段全过程做好防溺水安全工作。强化部门联动，建立防溺水工作联席会议制度，"
        "明确各相关部门、乡镇街道、学校、村社的工作职责，将防溺水工作列入平安建设考核，切实形成齐抓共管的工作合力。"
        "强化安全学习与安全应急演练，利用防溺水启动仪式、致家长的一封信、专题教育视频、主题班队课、黑板报等，"
        "普及游泳安全知识及自救、互救常识，开展游泳培训，让每个学生掌握“六不一会”内容，不断提高学生的安全素养，"
        "提高自救自护的能力。强化家校合管共育。利用“两书一信”教育机制，建立家校共管体系，指导家长履行好监护责任。"
        "多向学校警示督促。教育局通过下发文件、公众号、钉钉群等方式，及时将各级关于防溺水工作要求传达至各校，"
        "向学校推广先进经验做法，通报问题整改要求，不定期向学校发送高温防溺水预警提示。多向学生告诫指导。"
        "通过安全教育周、国旗下讲话、签名承诺、制作手抄报、板报宣传等形式，以学生溺亡的具体案例，"
        "确保教育落实到每一所学校、每一个班级、每一个学生。多向家长提醒督促，开展“学生安全千万家”教师大家访活动，"
        "全面覆盖学生家庭。重点学生建立清单实行重点教育提醒。利用校讯通、《告家长书》、公众号等形式，"
        "每周定期向家长发送安全提醒，宣传安全监管与自救自护知识。",
    ),
    (H, 3, "排查隐患抓整改，不断提升安全实效"),
    (
        P,
        "深化《婺城区校园安全“三级四阶”工作机制》，就组织建设、校园安保、消防安全、食品安全、交通安全、防溺水、"
        "周边环境、校园欺凌防诈骗、安全教育、心理健康等十大行动{{inspections.checklist_items|number}}条小项内容，"
        "根据不同阶段列出排查重点，把排查工作贯穿全年。学校自查自改与交叉检查相结合，专项检查与综合考核相结合，"
        "按照“一天一片，两周一圈”的巡查部署，走遍所有学校，并进行现场指导，进一步增强事故防控力度。"
        "排查出的问题实行清单化建档管理，建立事故隐患数据库，按照“整改措施、责任、资金、时限、预防”五到位要求，"
        "推行安全排查专项交办督办制度，对发现的问题第一时间进行通报，并逐项落实交办整改，达到“一校整改，全区警示”的实效。"
        "全年排查发现隐患{{inspections.hazards_found}}，已整改销号{{inspections.hazards_closed}}。"
        "隐患排查工作还与日常安全监管结合，充分发挥学校综合治理基层组织作用，对疑难问题部门联动，切实深化隐患排查治理。",
        "after:hazards",
    ),
    (H, 3, "落实督查抓考核，不断提升平安校园水平"),
    (
        P,
        "坚持督查工作持续推进、考核成果重在实效的原则，全力发挥督查考核利剑作用，为校园安全保驾护航。"
        "与全区学校签订年度安全工作目标管理责任书、“平安校园”创建目标管理责任书，明确安全职责，落实管理责任。"
        "将校园安全工作纳入学校综合考核评估，实行重大事项一票否决制；每年底教育局联合政府督学开展全区学校等级平安校园"
        "评估考核，学年终由教育局班子成员为组长、局机关干部为成员的督查组按责任片区进行综合评估考核，深入学校，定点盯位，"
        "考核真正做到较真动硬、考准考实，%P年全区有{{inspections.safety_below_full@-1|number}}所学校因安全管理工作"
        "落实不到位而没有得到满分，有效推动各项校园安全工作的贯彻落实。%Y年至今无一例学生非正常死亡案例发生。",
    ),
    (H, 2, "完善行政监管体制，严格行政执法程序"),
    (
        P,
        "%Y年先后开展各级各类行政检查行动{{inspections.total|number}}次。按检查行动分：{{inspections.by_plan}}。"
        "其中，春季开学核验检查及疫情期间日常巡查覆盖全区幼儿园{{inspections.inspected_kindergartens|number}}家、"
        "学科类培训机构{{inspections.inspected_subject_training|number}}家、"
        "民办学校{{inspections.inspected_private_schools|number}}家；"
        "9月份联合市场监管、行政执法网格摸底排查学科类培训机构{{inspections.inspected_subject_training|number}}家、"
        "非学科类培训机构{{inspections.inspected_nonsubject_training|number}}家；联合区民政部门开展“双随机”检查，"
        "由区教育局发起联合区市场监管局开展专项检查，根据省厅要求联合区市场监管局、民政局、消防大队开展随机抽查；"
        "对全区{{inspections.inspected_kindergartens|number}}家幼儿园开展实地年检核查；11月份开展疫情防控检查。"
        "按检查方式分：{{inspections.by_kind}}；联合检查占{{inspections.joint_share}}。"
        "%Y年行政检查共计{{inspections.total}}。",
        "events:inspections",
    ),
    (
        P,
        "同时，将婺城区校外培训机构、民办学校、幼儿园纳入“互联网+监管”系统。对民办学校、幼儿园通过年检等方式进行监管。"
        "对校外培训机构通过“双随机抽查”“事件核查”“及时检查”“巡查核查”等方式进行监督，金华市行风监督组不定期对"
        "校外培训机构进行“回头看”，对于检查中出现的问题，严督实查。",
    ),
    (P, "通过扎实、有效地排查整治，使婺城区民办学校办学更加规范，切实提升民办学校办学水平。"),
    (H, 2, "“最多跑一次”改革亮点工作"),
    (
        P,
        "按照“双减”新政要求，现有学科类培训机构统一登记为非营利性机构。为积极落实相关规定，确保提质增效，"
        "教育窗口认真梳理审批流程，多措并举助力“双减”政策落实落地。",
    ),
    (
        P,
        "教育窗口多次和民政、市场监管部门沟通，部门联动，打通堵点，规避风险，建立转登登记全流程“一件事”联办机制。"
        "并大胆尝试，率先破题：一方面，变串联为并联，三个部门同步进行，齐头并进。另一方面，大胆创新，"
        "在不违反相关法律和财务制度的前提下，压缩时间。",
    ),
    (
        P,
        "“营转非”转登是新事项，为提高无差别受理窗口工作人员业务能力，教育窗口对她们进行多次培训，"
        "重点指导材料审核、“一件事联办”。",
    ),
    (
        P,
        "为了方便群众办理“营转非”业务，教育窗口整理了三个部门的材料清单，采用表格形式列明，并附上每份材料的参考文本。"
        "针对常见问题进行说明，详细列出准备材料时应注意的事项。",
    ),
    (
        P,
        "为了办事群众少走弯路，教育窗口先指定一家培训机构进行试点，全程指导教育、民政、市场监管的材料。"
        "遇到部门之间的堵点，第一时间做好沟通。办理通道顺畅以后，再在全区全面铺开，以点带面，"
        "将潜在问题解决在办事群众跑动前。",
    ),
    (
        P,
        "为了提高办件效率和质量，教育窗口也想了办法：建立转登“一件事联办”钉钉咨询群，三部门工作人员做好政策解答，"
        "无差别窗口工作人员指导培训机构负责人做好材料准备。还给每家培训机构安排一位工作人员并附上联系方式"
        "（现有{{conversions.converted|number}}家机构平均分给{{conversions.staff|number}}位工作人员），全程对接这次转登工作，"
        "为机构提供市场监管（注销或变更）、教育（转登）、民政（名称预核、登记）一条龙服务，一窗受理，一站式办结。",
    ),
    (P, CONVERSIONS_FIGURES + CONVERSIONS_2021, "split:conversions"),
]

SHORTCOMINGS = [
    (H, 1, NATIONAL_PARTS[1]),
    (
        I,
        "法治建设意识有待提高。少数教育系统领导和干部依法治校的意识有待提高，师生缺乏普法学习的主动性、自觉性，"
        "普法教育的深度不够。",
    ),
    (
        I,
        "法治建设宣传有待加强。法治宣传教育的方式方法有待于进一步创新。目前，我区教育系统法治宣传教育主要还是通过"
        "开设法治课、班会课宣传等方式进行，虽然在普法实践方面有一些积极的尝试和探索，但总体力度还不够，需要进一步加强。",
    ),
    (
        I,
        "法治建设执法有待压实。依法行政工作难度较大。我区基础教育阶段办学主体多元，办学体制复杂，"
        "这给依法管理带来了一定的困难。如校园门口车辆乱停乱放等问题在集中整治时得到解决，但之后又反弹，得不到根治。",
    ),
    (
        I,
        "法治建设督查有待加强。通过专项督导检查结果发现，各级各类学校对开学条件保障、规范办学行为和校园安全隐患排查"
        "自查自纠工作力度不够，后勤保障服务和安全隐患排查整改等方面落实不力，自查工作开展情况不理想。",
    ),
]

LEADERSHIP = [
    (H, 1, NATIONAL_PARTS[2]),
    (
        I,
        "履行推进法治建设第一责任人职责，加强法治政府建设。成立了普法教育领导小组，"
        "并制定了党政主要负责人履行推进法治建设职责年度工作清单。",
    ),
    (I, "坚持把法治教育纳入教育培训总体规划，将法制教育作为日常学习的重要内容，认真开展法治进机关进校园活动。"),
    (I, "普及法律知识，提高全系统法治思维和综合运用法律的能力。"),
]

NEXT_YEAR = [
    (H, 1, NATIONAL_PARTS[3]),
    (
        I,
        "坚持把党的政治建设放在首位。认真贯彻习近平新时代中国特色社会主义思想，坚定“四个自信”，增强“四个意识”，"
        "坚决做到“两个维护”，抓实从严治党主体责任，营造风清气正的政治生态。",
    ),
    (
        I,
        "继续推进“放管服”改革。持续推进行政审批制度改革，持续推动审批“四个减”，努力提高审批效率。不断完善条理清晰、"
        "系统全面、操作可行的事中事后监管措施。分层分类强化依法行政专题培训，切实增强教育行政部门的法治意识与能力。",
    ),
    (
        I,
        "深入推进依法治校工作。总结提炼依法治校创建工作经验，形成《依法治校年度报告表》制度。开展“回头看”工作，"
        "加强对学校的实地指导，把好标准、做好日常监管。",
    ),
    (
        I,
        "加强法治宣传教育。把法治宣传教育作为干部培训、教职工学习和青少年学生德育工作的重点内容。丰富学习载体，"
        "开展多种形式的法治学习宣传，及时准确、深入浅出地解读，推进全民普法。",
    ),
    (
        P,
        "下一步，我局将在区普法依法治区领导小组的领导下，紧紧围绕我区工作大局，以办让人民满意的教育为目标，"
        "进一步强化目标管理，不断提高对依法行政、依法治教工作的认识，全面贯彻落实区普法规划的各项要求，"
        "努力提高依法行政、依法治教的工作水平。",
    ),
]


BUILTIN_YEAR = 2021  # the year the built-in text was written for (its dated events are that year's)
YEAR_IN_TEXT = re.compile(r"(?<!\d)(\d{4})(?=年)")


def _block(entry, year: int) -> DraftBlock:
    if entry[0] == H:
        kind, level, text = entry[:3]
        slot = entry[3] if len(entry) > 3 else ""
    else:
        kind, text = entry[:2]
        level, slot = 1, (entry[2] if len(entry) > 2 else "")
    text = text.replace("%Y", str(year)).replace("%P", str(year - 1))
    return DraftBlock(kind=kind, level=level, text=text, slot=slot)


def _entries(include_school_forms: bool, other_matters: bool) -> list:
    entries = PREAMBLE + MEASURES
    if include_school_forms:
        entries = entries + [SCHOOL_FORMS]
    entries = entries + MEASURES_CONTINUED + SHORTCOMINGS + LEADERSHIP + NEXT_YEAR
    if other_matters:
        entries = entries + [(H, 1, OTHER_MATTERS), (P, "无。")]
    return entries


def seed_blocks(year: int, *, include_school_forms: bool = False, other_matters: bool = False) -> list[DraftBlock]:
    """The built-in text as the bureau wrote it for 2021, every block its own (the demo's 2021 report)."""
    return [_block(entry, year) for entry in _entries(include_school_forms, other_matters)]


def shift_years(text: str, years: int) -> str:
    """ "2021年" becomes "2022年" (and "2020年" "2021年") in text carried over to the next report."""
    return YEAR_IN_TEXT.sub(lambda m: str(int(m.group(1)) + years), text)


def _carried(block: DraftBlock) -> DraftBlock:
    origin = BlockOrigin.WRITTEN if block.kind == H else BlockOrigin.CARRIED
    return DraftBlock(kind=block.kind, level=block.level, text=block.text, slot=block.slot, origin=origin)


def _event(kind: str, text: str, slot: str) -> DraftBlock:
    return DraftBlock(kind=kind, level=1, text=text, slot=slot, origin=BlockOrigin.EVENT)


# Event sentences that follow a carried paragraph: its slot → (reports.events function, the event's slot).
FOLLOWING_EVENTS = {
    "after:activities": ("activities_sentence", "events:activities"),
    "after:hazards": ("warnings_sentence", "events:warnings"),
}


def draft_blocks(
    year: int,
    *,
    include_school_forms: bool = False,
    other_matters: bool = False,
    previous=None,
    district: str = "全区",
) -> list[DraftBlock]:
    """The first draft of `year`'s report (docs/reports.md, the three kinds of sentences).

    It starts from `previous` (the blocks of the previous year's published report, with their years
    moved on by one) or, without one, from the built-in text; every paragraph taken from there is
    沿用上年表述 until a staff member confirms or edits it. Event sentences are generated from `year`'s
    own records (reports.events); the built-in text's dated 2021 events are kept for 2021 only.
    """
    from . import events

    if previous is None:
        template = seed_blocks(year, include_school_forms=include_school_forms, other_matters=other_matters)
    else:
        template = [
            DraftBlock(kind=b.kind, level=b.level, text=shift_years(b.text, 1), slot=b.slot)
            for b in previous
            if include_school_forms or b.slot != "school-forms"
        ]
    blocks = []
    for block in template:
        if block.slot == "events:inspections":
            blocks.append(_event(block.kind, events.inspections_paragraph(year, district=district), block.slot))
        elif block.slot.startswith("dated:"):
            if previous is None and block.slot == f"dated:{year}":
                blocks.append(_carried(block))
        elif block.slot == "split:conversions":
            figures = _block((block.kind, CONVERSIONS_FIGURES), year)
            blocks.append(_carried(DraftBlock(block.kind, 1, figures.text, slot=block.slot)))
            if previous is None and year == BUILTIN_YEAR:
                blocks.append(_carried(_block((block.kind, CONVERSIONS_2021, "dated:2021"), year)))
            sentence = events.conversions_sentence(year)
            if sentence:
                blocks.append(_event(P, sentence, "events:conversions"))
        elif block.slot.startswith("events:"):
            continue  # last year's own events: this year's are generated where their slot is
        else:
            blocks.append(_carried(block))
            follows = FOLLOWING_EVENTS.get(block.slot)
            if follows:
                sentence = getattr(events, follows[0])(year)
                if sentence:
                    blocks.append(_event(block.kind, sentence, follows[1]))
    return blocks


def default_title(year: int) -> str:
    return f"{year}年法治政府建设年度报告"
