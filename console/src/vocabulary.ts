// The platform's vocabulary in the staff's words: the APIs speak English enum names, the console Chinese.

export const categories: Record<string, string> = {
  MarriageAndFamily: "婚姻家庭",
  Neighbourhood: "邻里纠纷",
  LandContract: "土地承包",
  Homestead: "宅基地",
  Labour: "劳动争议",
  Contract: "合同纠纷",
  DamageCompensation: "损害赔偿",
  Other: "其他",
};

export const reportStatuses: Record<string, string> = {
  Reported: "已上报",
  InMediation: "调解中",
  Resolved: "已化解",
  ReferredOut: "已移送",
};

export const caseStatuses: Record<string, string> = {
  Open: "办理中",
  Resolved: "已调结",
  FollowedUp: "已回访",
  ReferredOut: "已移送",
};

export const levels: Record<string, string> = {
  Village: "村居",
  Section: "片区",
  ManagementArea: "管区",
  Town: "镇",
};

export const roles: Record<string, string> = {
  Administrator: "系统管理员",
  JusticeOffice: "司法所",
  GovernanceCentre: "综治中心",
  EnforcementDepartment: "执法部门",
  PartyGovernmentOffice: "党政办",
  VillageCounsel: "村法律顾问",
  HouseholdHead: "十户长",
  Mediator: "调解员",
};

export const timelineKinds: Record<string, string> = {
  Opened: "受理",
  MediatorAssigned: "指派调解员",
  Session: "调解",
  Hearing: "简易听证",
  Escalated: "上报上级",
  AgreementRecorded: "达成调解协议",
  ReferredOut: "移送",
  FollowUp: "回访",
};

export const label = (names: Record<string, string>, value: string | null | undefined) => (value ? names[value] ?? value : "—");

export const time = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "—";

export const matterKinds: Record<string, string> = {
  CollectiveEconomicContract: "村集体经济合同",
  VillageRules: "村规民约",
  AssetsDecision: "三资管理决定",
  Other: "其他涉法事项",
};

export const matterStatuses: Record<string, string> = {
  AwaitingReview: "待审查",
  RectificationRequired: "需整改",
  Unlawful: "不合法",
  Lawful: "合法",
  Filed: "已备案",
};

export const opinions: Record<string, string> = {
  Lawful: "合法",
  Rectify: "需整改",
  Unlawful: "不合法",
};

export const reportStages: Record<string, string> = {
  Draft: "草稿",
  Approved: "已审定",
  Submitted: "已报送",
};

export const warningCategories: Record<string, string> = {
  DisputeRisk: "矛盾纠纷隐患",
  SafetyHazard: "安全隐患",
  Health: "卫生健康",
  Other: "其他",
};

export const appealStatuses: Record<string, string> = {
  Collected: "已收集",
  Assigned: "已交办",
  Solved: "已解决",
  Answered: "已答复",
};

export const enforcementKinds: Record<string, string> = {
  Penalty: "行政处罚",
  Inspection: "行政检查",
  Coercion: "行政强制",
};

export const enforcementSteps: Record<string, string> = {
  Register: "立案",
  Investigate: "调查取证",
  Notify: "告知",
  Hear: "听证",
  Decide: "作出决定",
  Serve: "送达",
  Close: "结案",
};

export const enforcementCaseStatuses: Record<string, string> = {
  Open: "办理中",
  Closed: "已结案",
};

export const legalOpinions: Record<string, string> = {
  Approve: "同意",
  Revise: "修改后再审",
  Reject: "不同意",
};

export const certificateStatuses: Record<string, string> = {
  Active: "有效",
  Suspended: "暂扣",
  Revoked: "注销",
};

export const documentStatuses: Record<string, string> = {
  Draft: "起草",
  Reviewed: "已合法性审核",
  Published: "已公布",
  Filed: "已报备",
};

export const lawsuitOutcomes: Record<string, string> = {
  Won: "胜诉",
  Lost: "败诉",
  Withdrawn: "撤诉",
};

export const activityKinds: Record<string, string> = {
  NationalSecurityEducationDay: "全民国家安全教育日",
  ConstitutionDay: "宪法宣传日",
  MarketDayLawStall: "法治大集",
  SixIntos: "法律六进",
  Lecture: "法治讲座",
  CaseExplanation: "以案释法",
  NewMedia: "新媒体普法",
};

export const sixIntos: Record<string, string> = {
  Organs: "进机关",
  Villages: "进乡村",
  Communities: "进社区",
  Schools: "进学校",
  Enterprises: "进企业",
  Units: "进单位",
};

export const responsibilities: Record<string, string> = {
  WhoEnforces: "谁执法谁普法",
  WhoManages: "谁管理谁普法",
  WhoServes: "谁服务谁普法",
};

export const taskStates: Record<string, string> = {
  Done: "已完成",
  Due: "未到期",
  Overdue: "已逾期",
};

export const examKinds: Record<string, string> = {
  StateStaffAnnual: "国家工作人员年度学法考法",
  LegalLiteracy: "法治素养考试",
};

export const examGroups: Record<string, string> = {
  StateStaff: "国家工作人员",
  NewCivilServants: "新入职公务员",
  NewlyPromotedLeaders: "新提拔领导干部",
  EnforcementOfficers: "行政执法人员",
  VillageLegalLeaders: "村居法治带头人和法律明白人",
};

export const mediatorGrades: Record<string, string> = {
  First: "一级",
  Second: "二级",
  Third: "三级",
  Fourth: "四级",
};

export const applicationStatuses: Record<string, string> = {
  Applied: "待评定",
  Granted: "已评定",
  Refused: "未通过",
};

export const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
