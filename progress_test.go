package jingzi_test

import (
	"strings"
	"testing"
	"time"

	"jingzi"
)

func civilDay(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// ready is a meeting whose plan is complete: roster with a head, framework,
// reviewers, date, theme reported.
func ready() jingzi.MeetingProgress {
	return jingzi.MeetingProgress{Phase: jingzi.PhaseTalks, Participants: 5, HasHead: true, HasFramework: true, Reviewers: 2,
		MeetingDate: civilDay(2025, 1, 20), ReportBy: civilDay(2025, 1, 5), Reported: true}
}

// strip renders the strip as one line per phase: label, state, missing items.
func strip(list []jingzi.PhaseStatus) map[jingzi.Phase]string {
	out := map[jingzi.Phase]string{}
	for _, s := range list {
		state := "缺"
		switch {
		case s.Done:
			state = "完成"
		case s.Unknown && len(s.Missing) == 0:
			state = "—"
		}
		line := state
		if s.Overdue {
			line += " 逾期"
		}
		if len(s.Missing) > 0 {
			line += "：" + strings.Join(s.Missing, "；")
		}
		out[s.Phase] = line
	}
	return out
}

func TestPhaseStrip(t *testing.T) {
	now := time.Date(2025, 1, 8, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		change func(p *jingzi.MeetingProgress)
		want   map[jingzi.Phase]string
	}{
		{"plan complete, nothing else connected", func(p *jingzi.MeetingProgress) {}, map[jingzi.Phase]string{
			jingzi.PhasePlan: "完成", jingzi.PhaseStudy: "—", jingzi.PhaseTalks: "—", jingzi.PhaseMeeting: "—",
			jingzi.PhaseArchive: "缺：会议尚未归档"}},
		{"empty plan", func(p *jingzi.MeetingProgress) { *p = jingzi.MeetingProgress{HasFramework: true} }, map[jingzi.Phase]string{
			jingzi.PhasePlan:    "缺：尚未登记班子成员；尚未指定上级审核人或督导；召开日期未定",
			jingzi.PhaseMeeting: "缺：召开日期未定"}},
		{"no head", func(p *jingzi.MeetingProgress) { p.HasHead = false }, map[jingzi.Phase]string{
			jingzi.PhasePlan: "缺：尚未确定主要负责人"}},
		{"report due in the future", func(p *jingzi.MeetingProgress) { p.Reported, p.ReportBy = false, civilDay(2025, 1, 10) },
			map[jingzi.Phase]string{jingzi.PhasePlan: "缺：会议主题和时间应于2025年1月10日前报送上级"}},
		{"report due today is not late", func(p *jingzi.MeetingProgress) { p.Reported, p.ReportBy = false, civilDay(2025, 1, 8) },
			map[jingzi.Phase]string{jingzi.PhasePlan: "缺：会议主题和时间应于2025年1月8日前报送上级"}},
		{"report overdue", func(p *jingzi.MeetingProgress) { p.Reported = false }, map[jingzi.Phase]string{
			jingzi.PhasePlan: "缺 逾期：会议主题和时间应于2025年1月5日前报送上级，已逾期3天"}},
		{"talks missing", func(p *jingzi.MeetingProgress) {
			p.Talks = &jingzi.TalkProgress{RequiredPairs: 20, MissingPairs: 3, Talks: 34}
		}, map[jingzi.Phase]string{jingzi.PhaseTalks: "缺：3对必谈尚未谈话"}},
		{"talks done", func(p *jingzi.MeetingProgress) { p.Talks = &jingzi.TalkProgress{RequiredPairs: 20, Talks: 40} },
			map[jingzi.Phase]string{jingzi.PhaseTalks: "完成"}},
		{"roster too small for talks", func(p *jingzi.MeetingProgress) { p.Talks = &jingzi.TalkProgress{} },
			map[jingzi.Phase]string{jingzi.PhaseTalks: "缺：班子成员不足两人，尚无必谈对象"}},
		{"study", func(p *jingzi.MeetingProgress) { p.StudySessions = &jingzi.StudyProgress{WithoutNotes: 2} },
			map[jingzi.Phase]string{jingzi.PhaseStudy: "缺：尚未开展学习研讨；2人尚未提交研讨发言"}},
		{"opinions collected, not triaged or released", func(p *jingzi.MeetingProgress) {
			p.Opinions = &jingzi.OpinionProgress{Solicitations: 1, Opinions: 12, Units: 4, Untriaged: 5}
		}, map[jingzi.Phase]string{jingzi.PhaseOpinions: "缺：5条意见尚未归类；意见建议尚未向班子成员反馈"}},
		{"no solicitation", func(p *jingzi.MeetingProgress) { p.Opinions = &jingzi.OpinionProgress{} },
			map[jingzi.Phase]string{jingzi.PhaseOpinions: "缺：尚未开展征求意见"}},
		{"statements", func(p *jingzi.MeetingProgress) {
			p.Statements = &jingzi.StatementProgress{Participants: 5, Created: 3}
		}, map[jingzi.Phase]string{jingzi.PhaseStatements: "缺：班子对照检查材料尚未建立；2名班子成员尚未建立对照检查材料"}},
		{"reviews", func(p *jingzi.MeetingProgress) {
			p.Reviews = &jingzi.ReviewProgress{Statements: 6, Approved: 4, Returned: 1}
		}, map[jingzi.Phase]string{jingzi.PhaseReview: "缺：2份材料尚未审核通过；1份材料已退回待修改"}},
		{"meeting date passed without minutes", func(p *jingzi.MeetingProgress) {
			p.MeetingDate, p.MeetingRecord = civilDay(2025, 1, 7), &jingzi.MinutesProgress{}
		}, map[jingzi.Phase]string{jingzi.PhaseMeeting: "缺 逾期：召开日期已过，尚未登记会议记录"}},
		{"quorum not reached", func(p *jingzi.MeetingProgress) {
			p.MeetingRecord = &jingzi.MinutesProgress{Recorded: true, Present: 5, Expected: 9}
		}, map[jingzi.Phase]string{jingzi.PhaseMeeting: "缺：到会5人，未达到应到9人的三分之二"}},
		{"quorum of exactly two thirds", func(p *jingzi.MeetingProgress) {
			p.MeetingRecord = &jingzi.MinutesProgress{Recorded: true, Present: 6, Expected: 9}
		}, map[jingzi.Phase]string{jingzi.PhaseMeeting: "完成"}},
		{"rectification late", func(p *jingzi.MeetingProgress) {
			p.MeetingDate = civilDay(2024, 12, 20)
			p.Rectifications = &jingzi.RectificationProgress{Items: 8, Open: 3, Overdue: 1}
		}, map[jingzi.Phase]string{
			jingzi.PhaseRectify: "缺 逾期：1项整改任务已逾期；3项整改事项尚未销号；情况报告应于2025年1月4日前报送上级，已逾期",
			jingzi.PhaseArchive: "缺：整改事项尚未全部销号；会议尚未归档"}},
		{"情况报告 due after the minutes' own number of days", func(p *jingzi.MeetingProgress) {
			p.MeetingDate = civilDay(2024, 12, 20)
			p.MeetingRecord = &jingzi.MinutesProgress{Recorded: true, Present: 6, Expected: 6, ReportDays: 30}
			p.Rectifications = &jingzi.RectificationProgress{Items: 8}
		}, map[jingzi.Phase]string{jingzi.PhaseRectify: "缺：情况报告应于2025年1月19日前报送上级"}},
		{"情况报告 sent, as the minutes record", func(p *jingzi.MeetingProgress) {
			p.MeetingDate = civilDay(2024, 12, 20)
			p.MeetingRecord = &jingzi.MinutesProgress{Recorded: true, Present: 6, Expected: 6, ReportSent: true}
			p.Rectifications = &jingzi.RectificationProgress{Items: 8}
		}, map[jingzi.Phase]string{jingzi.PhaseRectify: "完成"}},
		{"archived", func(p *jingzi.MeetingProgress) {
			p.Phase, p.Rectifications = jingzi.PhaseArchive, &jingzi.RectificationProgress{Items: 8, ReportSent: true}
		}, map[jingzi.Phase]string{jingzi.PhaseRectify: "完成", jingzi.PhaseArchive: "完成"}},
	}
	for _, tt := range tests {
		p := ready()
		tt.change(&p)
		list := jingzi.PhaseStrip(p, now)
		if len(list) != len(jingzi.Phases) {
			t.Fatalf("%s: %d phases", tt.name, len(list))
		}
		got := strip(list)
		for phase, want := range tt.want {
			if got[phase] != want {
				t.Errorf("%s: %s = %q, want %q", tt.name, phase.Label(), got[phase], want)
			}
		}
		for i, s := range list {
			if s.Phase != jingzi.Phases[i] || s.Current != (s.Phase == p.Phase) {
				t.Errorf("%s: phase %d is %s current=%v", tt.name, i, s.Phase, s.Current)
			}
		}
	}
}

func TestProgressOfAndMerge(t *testing.T) {
	fw, _ := jingzi.BuiltinFramework("2024")
	m := &jingzi.Meeting{Phase: jingzi.PhaseStudy, Framework: fw, MeetingDate: civilDay(2025, 1, 20), ReportDays: 10,
		Participants: []*jingzi.Participant{{Name: "甲", Head: true}, {Name: "乙"}},
		Reviewers:    []*jingzi.MeetingReviewer{{UserID: 3, Supervisor: true}}}
	p := jingzi.ProgressOf(m)
	if p.Participants != 2 || !p.HasHead || !p.HasFramework || p.Reviewers != 1 || p.Reported ||
		jingzi.FormatDate(*p.ReportBy) != "2025年1月10日" {
		t.Errorf("progress of meeting %+v", p)
	}
	p.Merge(jingzi.MeetingProgress{Participants: 99, Talks: &jingzi.TalkProgress{RequiredPairs: 1}})
	if p.Participants != 2 || p.Talks == nil || p.StudySessions != nil {
		t.Errorf("merge took the plan's numbers or dropped the talks: %+v", p)
	}
}

func TestSplitPortfolio(t *testing.T) {
	tests := map[string]string{
		"办公室、人事科":            "办公室|人事科",
		" 办公室，财务科,财务科；审计科\n": "办公室|财务科|审计科",
		"、、": "",
	}
	for in, want := range tests {
		if got := strings.Join(jingzi.SplitPortfolio(in), "|"); got != want {
			t.Errorf("SplitPortfolio(%q) = %q, want %q", in, got, want)
		}
	}
}
