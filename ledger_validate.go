package jingzi

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of what a user types into a ledger item, in characters.
const (
	maxLedgerProblem  = 1000
	maxLedgerMeasures = 4000
	maxLedgerShort    = 100
	maxLedgerTasks    = 50
	maxLedgerTargets  = 20
	// MaxEvidenceFiles is how many files one progress entry may carry.
	MaxEvidenceFiles = 10
)

// Valid reports whether k is a known deadline kind.
func (k DeadlineKind) Valid() bool {
	return k == DeadlineImmediate || k == DeadlineDated || k == DeadlineOngoing
}

// Valid reports whether k is a known source kind.
func (k SourceKind) Valid() bool {
	switch k {
	case SourceStatement, SourceOpinion, SourceCriticism, SourceSupervisor, SourceManual:
		return true
	}
	return false
}

// Validate trims the fields a user enters and returns an EINVALID error with a
// Chinese message when the item cannot be stored. A 长期坚持 item keeps no date.
func (it *LedgerItem) Validate() error {
	it.Aspect, it.Problem = strings.TrimSpace(it.Aspect), strings.TrimSpace(it.Problem)
	it.Measures, it.Department = strings.TrimSpace(it.Measures), strings.TrimSpace(it.Department)
	it.OwnerName = strings.TrimSpace(it.OwnerName)
	switch {
	case it.MeetingID == 0:
		return Errorf(EINVALID, "请选择整改事项所属的会议。")
	case it.Problem == "" || utf8.RuneCountInString(it.Problem) > maxLedgerProblem:
		return Errorf(EINVALID, "请填写问题（不超过%d个字）。", maxLedgerProblem)
	case utf8.RuneCountInString(it.Measures) > maxLedgerMeasures:
		return Errorf(EINVALID, "整改措施不超过%d个字。", maxLedgerMeasures)
	case utf8.RuneCountInString(it.Aspect) > 200:
		return Errorf(EINVALID, "所属方面不超过200个字。")
	case utf8.RuneCountInString(it.Department) > maxLedgerShort:
		return Errorf(EINVALID, "责任部门不超过%d个字。", maxLedgerShort)
	case it.OwnerName == "" && it.OwnerUserID == 0:
		return Errorf(EINVALID, "请填写责任人。")
	case utf8.RuneCountInString(it.OwnerName) > 50:
		return Errorf(EINVALID, "责任人姓名不超过50个字。")
	case !it.DeadlineKind.Valid():
		return Errorf(EINVALID, "请选择时限类型（立行立改、限期整改或长期坚持）。")
	case it.DeadlineKind == DeadlineDated && it.Due == nil:
		return Errorf(EINVALID, "限期整改的事项须填写完成时限。")
	}
	if it.DeadlineKind == DeadlineOngoing {
		it.Due = nil
	}
	if err := it.Source.validate(); err != nil {
		return err
	}
	if err := validateLedgerTargets(it.Targets); err != nil {
		return err
	}
	return validateLedgerTasks(it.Tasks)
}

func (s *LedgerSource) validate() error {
	s.Label, s.Excerpt = strings.TrimSpace(s.Label), strings.TrimSpace(s.Excerpt)
	switch {
	case s.Kind == "":
		s.Kind = SourceManual
	case !s.Kind.Valid():
		return Errorf(EINVALID, "请选择问题来源。")
	}
	switch {
	case s.Kind == SourceStatement && (s.StatementID == 0 || s.Anchor.Part < 0):
		return Errorf(EINVALID, "请指明问题出自哪份对照检查材料的哪一条。")
	case s.Kind == SourceOpinion && s.OpinionID == "":
		return Errorf(EINVALID, "请指明问题对应的意见建议。")
	case s.Kind == SourceCriticism && s.CriticismID == 0:
		return Errorf(EINVALID, "请指明问题对应的批评意见。")
	case utf8.RuneCountInString(s.Label) > 200:
		return Errorf(EINVALID, "问题来源说明不超过200个字。")
	}
	return nil
}

func validateLedgerTargets(list []LedgerTarget) error {
	if len(list) > maxLedgerTargets {
		return Errorf(EINVALID, "量化目标不能超过%d项。", maxLedgerTargets)
	}
	for i := range list {
		t := &list[i]
		t.Text, t.Unit, t.Period = strings.TrimSpace(t.Text), strings.TrimSpace(t.Unit), strings.TrimSpace(t.Period)
		switch {
		case t.Text == "" || utf8.RuneCountInString(t.Text) > 200:
			return Errorf(EINVALID, "第%d项量化目标的内容应为1至200个字。", i+1)
		case t.Quantity != nil && (*t.Quantity < 0 || *t.Quantity > 1000000):
			return Errorf(EINVALID, "第%d项量化目标的数量应为0至1000000之间的整数。", i+1)
		case utf8.RuneCountInString(t.Unit) > 10 || utf8.RuneCountInString(t.Period) > 50:
			return Errorf(EINVALID, "第%d项量化目标的单位或期限过长。", i+1)
		}
	}
	return nil
}

func validateLedgerTasks(list []*LedgerTask) error {
	if len(list) > maxLedgerTasks {
		return Errorf(EINVALID, "整改任务不能超过%d项。", maxLedgerTasks)
	}
	for i, t := range list {
		t.Text, t.Owner = strings.TrimSpace(t.Text), strings.TrimSpace(t.Owner)
		if t.Text == "" || utf8.RuneCountInString(t.Text) > maxLedgerMeasures {
			return Errorf(EINVALID, "第%d项整改任务的内容应为1至%d个字。", i+1, maxLedgerMeasures)
		} else if utf8.RuneCountInString(t.Owner) > 50 {
			return Errorf(EINVALID, "第%d项整改任务的承办人不超过50个字。", i+1)
		}
	}
	return nil
}

// Validate checks a progress entry of item it at now: a date not in the
// future, what was done, a quantity of 0 or more that belongs to one of the
// item's targets, and a task of the item.
func (p *LedgerProgress) Validate(it *LedgerItem, now time.Time) error {
	p.Text = strings.TrimSpace(p.Text)
	switch {
	case p.On.IsZero():
		return Errorf(EINVALID, "请填写进展日期。")
	case DaysPast(p.On, now) < 0:
		return Errorf(EINVALID, "进展日期不能晚于今天。")
	case p.Text == "" || utf8.RuneCountInString(p.Text) > maxLedgerMeasures:
		return Errorf(EINVALID, "请填写整改进展（不超过%d个字）。", maxLedgerMeasures)
	case p.Quantity < 0 || p.Quantity > 1000000:
		return Errorf(EINVALID, "完成数量应为0至1000000之间的整数。")
	case p.TargetIndex < -1 || p.TargetIndex >= len(it.Targets):
		return Errorf(EINVALID, "所选量化目标不存在，请刷新页面后重新选择。")
	case p.Quantity > 0 && p.TargetIndex < 0:
		return Errorf(EINVALID, "填写完成数量时，请选择对应的量化目标。")
	}
	if p.TaskID != 0 {
		for _, t := range it.Tasks {
			if t.ID == p.TaskID {
				return nil
			}
		}
		return Errorf(EINVALID, "所选整改任务不存在，请刷新页面后重新选择。")
	}
	return nil
}
