// Package check is jingzi's 材料质量检查: rules over a statement (对照检查材料)
// or a plain text that report template residue, typos, punctuation, structure,
// vague problems, empty measures, inconsistent facts and unanswered opinions,
// each with a position a user can jump to.
package check

import "jingzi"

// Severity, Finding and the grades are the domain's (package jingzi), so that
// the web layer shows findings without importing this package.
type (
	Severity = jingzi.Severity
	Finding  = jingzi.Finding
)

const (
	SeverityError   = jingzi.SeverityError
	SeverityWarning = jingzi.SeverityWarning
	SeverityHint    = jingzi.SeverityHint
)

// Rule 检查规则 describes one rule: its id, severity and what it looks for.
type Rule struct {
	ID          string   `json:"id"`
	Severity    Severity `json:"severity"`
	Description string   `json:"description"`
}

// Rule ids.
const (
	RulePlaceholder       = "placeholder"
	RuleTypo              = "typo"
	RulePunctHalfwidth    = "punct.halfwidth"
	RulePunctUnbalanced   = "punct.unbalanced"
	RulePunctDoubled      = "punct.doubled"
	RulePunctOrdinal      = "punct.ordinal"
	RuleNumbering         = "structure.numbering"
	RuleAspect            = "structure.aspect"
	RulePart              = "structure.part"
	RuleEmpty             = "structure.empty"
	RuleShare             = "structure.share"
	RuleCorrespond        = "structure.correspond"
	RuleExample           = "specificity.example"
	RuleVague             = "specificity.vague"
	RuleAchievement       = "specificity.achievement"
	RulePlan              = "specificity.plan"
	RuleTarget            = "measures.target"
	RuleDeadline          = "measures.deadline"
	RulePledge            = "measures.pledge"
	RuleQuantity          = "measures.quantity"
	RuleYu                = "measures.yu"
	RuleUnit              = "consistency.unit"
	RuleYear              = "consistency.year"
	RuleTitleYear         = "consistency.title-year"
	RuleOpinionUnanswered = "opinion.unanswered"
	RuleCopy              = "simcheck.copy"
	RuleCountMismatch     = "count.mismatch"
)

var rules = []Rule{
	{RulePlaceholder, SeverityError, "模板残留的占位符：XX、××、**、X中X会、*月*日、○○、某某、【】、下划线空格等"},
	{RuleTypo, SeverityWarning, "易错词（data/typos.txt），给出正确写法"},
	{RulePunctHalfwidth, SeverityWarning, "中文行文中使用了半角标点 , ; : ? ! ( ) \""},
	{RulePunctUnbalanced, SeverityWarning, "引号、括号、书名号不成对"},
	{RulePunctDoubled, SeverityWarning, "标点重复，如“，，”“。。”“，。”"},
	{RulePunctOrdinal, SeverityWarning, "序号格式不规范，如“一.”“(一)”“1、”"},
	{RuleNumbering, SeverityWarning, "序号不连续或重复，如“一是、二是、四是”"},
	{RuleAspect, SeverityError, "检视框架的某个方面没有查摆问题"},
	{RulePart, SeverityError, "缺少检视框架要求的部分（如2023年起的典型案例剖析）"},
	{RuleEmpty, SeverityError, "某一部分没有内容"},
	{RuleShare, SeverityWarning, "查摆问题和原因剖析篇幅占全文比例过低（默认低于一半）"},
	{RuleCorrespond, SeverityHint, "整改措施条数少于问题所涉方面数，问题、原因、措施未对应"},
	{RuleExample, SeverityWarning, "问题没有具体事例、数字、时间或具体工作"},
	{RuleVague, SeverityHint, "问题多用空泛套话（data/vague.txt）"},
	{RuleAchievement, SeverityWarning, "所列“问题”读来是成绩"},
	{RulePlan, SeverityWarning, "所列“问题”读来是工作计划"},
	{RuleTarget, SeverityHint, "整改措施没有量化目标"},
	{RuleDeadline, SeverityHint, "整改措施没有时限"},
	{RulePledge, SeverityWarning, "整改措施只作空泛表态（data/pledges.txt）"},
	{RuleQuantity, SeverityError, "量化目标的数量未填写，如“不少于XX家”"},
	{RuleYu, SeverityError, "“不少”后直接跟数量，缺少“于”"},
	{RuleUnit, SeverityWarning, "标题中的单位与正文用语不符（data/vocab.txt）"},
	{RuleYear, SeverityError, "“今年/去年/明年”所说的事件与材料年度不符（data/events.txt）"},
	{RuleTitleYear, SeverityWarning, "标题中的年份与材料年度不符"},
	{RuleOpinionUnanswered, SeverityWarning, "征求到的意见没有在任何问题中回应（对号入座）"},
	{RuleCopy, SeverityWarning, "段落与模板、上年度材料或同事材料雷同（查重）"},
	{RuleCountMismatch, SeverityWarning, "前言中手工填写的数字与谈心谈话、征求意见、学习研讨记录的统计不一致"},
}

// Rules returns every rule, in report order.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// ruleSeverity returns the severity of a rule id.
func ruleSeverity(id string) Severity {
	for _, r := range rules {
		if r.ID == id {
			return r.Severity
		}
	}
	return SeverityHint
}
