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
