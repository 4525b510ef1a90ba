namespace Zaili.SharedKernel;

/// <summary>
/// The staff's words for the fields of the platform's requests. Validation messages name the field they are
/// about (<c>{0} 为必填项</c>); the APIs' field names are English, the people reading the message are not.
/// </summary>
public static class FieldNames
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Address"] = "住址", ["AgreementHeld"] = "协议是否履行", ["Amount"] = "金额", ["AttachmentHashes"] = "附件哈希",
        ["By"] = "经办人", ["CampaignId"] = "专项行动", ["CandidateHouseholdId"] = "候选住户", ["Candidates"] = "候选人",
        ["CaseId"] = "案件", ["CaseNumber"] = "案号", ["Category"] = "类别", ["Cause"] = "案由", ["CertificateNumber"] = "执法证号",
        ["Code"] = "代码", ["CompletedOn"] = "完成日期", ["ContactPhone"] = "联系电话", ["Content"] = "内容", ["ContentBase64"] = "文件内容",
        ["Contract"] = "合同", ["ContractFrom"] = "聘用起始日期", ["ContractTo"] = "聘用截止日期", ["CounselId"] = "法律顾问",
        ["CounterpartyName"] = "合同相对方", ["CreditCode"] = "统一社会信用代码", ["Date"] = "日期", ["Days"] = "日期列表",
        ["DecidedOn"] = "裁判日期", ["Department"] = "部门", ["Departments"] = "部门", ["Description"] = "情况说明",
        ["Destination"] = "移送去向", ["DisplayName"] = "显示名称", ["Division"] = "行政区划", ["Documents"] = "材料",
        ["DueOn"] = "完成期限", ["Duties"] = "职责", ["Evidence"] = "完成佐证", ["ExplainLawThroughCase"] = "以案释法",
        ["ExternalReference"] = "外部编号", ["Facts"] = "事实", ["FileName"] = "文件名", ["FiledOn"] = "立案日期", ["Findings"] = "情况",
        ["Grade"] = "等级", ["Granted"] = "评定结果", ["Group"] = "考试对象", ["GroupId"] = "十联户小组", ["HeadAppeared"] = "负责人是否出庭",
        ["HeldAt"] = "时间", ["HeldOn"] = "日期", ["Hours"] = "学时", ["HouseholdCount"] = "涉及户数", ["HouseholdGroup"] = "十联户小组",
        ["HouseholdId"] = "住户", ["HouseholdIds"] = "住户", ["HouseholderName"] = "户主姓名", ["IdentityNumber"] = "身份证号",
        ["Introduction"] = "引言", ["IsPilot"] = "是否试点", ["Issuer"] = "发文单位", ["Kind"] = "类别", ["LawFirm"] = "律师事务所",
        ["Lawful"] = "审核结论", ["Laws"] = "法律", ["LawsApplied"] = "适用法律", ["LawyerName"] = "律师姓名", ["Leadership"] = "第一责任人职责",
        ["LeasesCollectiveLand"] = "是否租赁集体土地", ["LegalBasis"] = "法律依据", ["Level"] = "层级", ["LicenceNumber"] = "执业证号",
        ["Major"] = "重大执法决定", ["Materials"] = "宣传材料", ["MediationNode"] = "调解组织", ["MediatorId"] = "调解员",
        ["MemberCount"] = "家庭人口", ["Name"] = "名称", ["Names"] = "名称", ["Need"] = "诉求", ["NextYear"] = "下一年度安排",
        ["NodeCode"] = "调解组织", ["Nodes"] = "调解组织", ["Notes"] = "记录", ["Number"] = "证号", ["OfficerIds"] = "执法人员",
        ["On"] = "日期", ["Opinion"] = "意见", ["Outcome"] = "结果", ["ParentCode"] = "上级组织", ["Participants"] = "参加人员",
        ["Parties"] = "当事人", ["Party"] = "当事人", ["PassMark"] = "合格分数", ["Password"] = "密码", ["People"] = "人员",
        ["PeopleReached"] = "受众人次", ["Phone"] = "电话", ["Provisions"] = "依据条款", ["Reason"] = "理由", ["Reasons"] = "理由",
        ["ReceivedOn"] = "收到日期", ["RequestedGrade"] = "申请等级", ["Resolution"] = "办理结果", ["Responsibility"] = "普法责任",
        ["Result"] = "结果", ["Reviewer"] = "审核人", ["Role"] = "身份", ["Roles"] = "角色", ["Score"] = "成绩", ["Severity"] = "等级",
        ["Shortcomings"] = "存在的不足", ["SignedOn"] = "签订日期", ["SixInto"] = "法律六进", ["Solved"] = "是否解决", ["Sort"] = "排序", ["Source"] = "来源",
        ["Step"] = "环节", ["Subject"] = "申请内容", ["Summary"] = "简要情况", ["Supplements"] = "补充内容", ["Tasks"] = "任务",
        ["TermEnd"] = "合同截止日期", ["TermStart"] = "合同起始日期", ["Terms"] = "协议内容", ["Title"] = "标题", ["TownCode"] = "乡镇代码",
        ["TownName"] = "乡镇名称", ["UpgradedOn"] = "改造日期", ["UserName"] = "用户名", ["ValidUntil"] = "有效期至",
        ["VillageCode"] = "村居", ["Villages"] = "村居", ["VisitedAt"] = "回访时间", ["VisitedOn"] = "走访日期", ["Visits"] = "走访记录",
        ["VoterHouseholdId"] = "投票住户", ["Votes"] = "投票", ["Witnesses"] = "证人", ["Working"] = "是否工作日", ["Year"] = "年度",
    };

    /// <summary>The Chinese name of a field given by its key in a validation answer (<c>party.creditCode</c>, <c>tasks[1].title</c>).</summary>
    public static string? ChineseOf(string key)
    {
        var last = key[(key.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[');
        return Chinese.GetValueOrDefault(bracket >= 0 ? last[..bracket] : last);
    }

    /// <summary>A message that begins with the field's English name begins with its Chinese name instead.</summary>
    public static string InChinese(string key, string message)
    {
        var last = key[(key.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[');
        var member = bracket >= 0 ? last[..bracket] : last;
        return ChineseOf(key) is { } chinese && message.StartsWith(member, StringComparison.OrdinalIgnoreCase)
            ? chinese + message[member.Length..]
            : message;
    }
}
