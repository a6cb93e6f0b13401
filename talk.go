package jingzi

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// PersonKind says who one side of a talk is: a participant on the roster, or a
// person outside jingzi named by the one who records the talk.
type PersonKind string

const (
	PersonParticipant PersonKind = "participant" // 班子成员（名单内）
	PersonDeptHead    PersonKind = "dept_head"   // 分管部门负责人
	PersonBranchRep   PersonKind = "branch_rep"  // 支部党员代表
	PersonOther       PersonKind = "other"       // 其他
)

// OutsideKinds lists the kinds of a person outside the roster, in form order.
var OutsideKinds = []PersonKind{PersonDeptHead, PersonBranchRep, PersonOther}

// Label is the Chinese name of the kind.
func (k PersonKind) Label() string {
	switch k {
	case PersonParticipant:
		return "班子成员"
	case PersonDeptHead:
		return "分管部门负责人"
	case PersonBranchRep:
		return "支部党员代表"
	case PersonOther:
		return "其他"
	}
	return string(k)
}

// TalkSide 谈话一方 is one of the two people of a talk: a roster participant
// (ParticipantID set, Name filled from the roster) or a person outside jingzi
// (ParticipantID 0, Name typed, Kind one of OutsideKinds, Department the
// department a 分管部门负责人 heads).
type TalkSide struct {
	ParticipantID int64
	Name          string
	Kind          PersonKind
	Department    string
}

// OnRoster reports whether the side is a roster participant.
func (s TalkSide) OnRoster() bool { return s.ParticipantID != 0 }

// Label names the side in lists: "社会救助科负责人 陈明（分管部门负责人）".
func (s TalkSide) Label() string {
	if s.OnRoster() {
		return s.Name
	}
	out := s.Name
	if s.Kind == PersonDeptHead && s.Department != "" && !strings.Contains(s.Name, s.Department) {
		out = s.Department + " " + s.Name
	}
	return out + "（" + s.Kind.Label() + "）"
}

// Talk directions: which side an opinion raised in the talk is aimed at.
const (
	TowardA = "a" // raised by B toward A
	TowardB = "b" // raised by A toward B
)

// TalkOpinion 谈话意见 is one opinion raised in a talk toward one of its sides.
// Raised toward a roster participant, it can become an opinion (意见建议)
// targeted at that participant, marked with the talk as its channel and not
// anonymous. The fields after Text are filled when read.
type TalkOpinion struct {
	ID     int64
	TalkID int64
	Toward string // TowardA or TowardB
	Text   string

	MeetingID     int64
	ParticipantID int64  // the participant it is aimed at, 0 when aimed at an outside person
	From          string // who raised it (the other side's label)
	Date          time.Time
}

// Talk 谈心谈话 is one conversation between two people before the meeting:
// when, who, about what, and the opinions each raised toward the other. At
// least one side is on the roster; an outside person is always side B.
type Talk struct {
	ID        int64
	MeetingID int64
	Date      time.Time // the day of the talk (midnight UTC)
	A, B      TalkSide
	Topics    string
	Opinions  []*TalkOpinion

	RecordedBy     int64  // the user who recorded it, 0 for the system
	RecordedByName string // as the audit log names them
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Involves reports whether the participant is one side of the talk.
func (t *Talk) Involves(participantID int64) bool {
	return participantID != 0 && (t.A.ParticipantID == participantID || t.B.ParticipantID == participantID)
}

// PersonTimes is what the talk adds to 谈心谈话N人次: one for each roster
// participant who took part, so a talk between two members is 2人次 and a talk
// between a member and an outside person 1人次. Each participant's own talks
// are thus counted, as every statement's preface counts them.
func (t *Talk) PersonTimes() int {
	n := 0
	if t.A.OnRoster() {
		n++
	}
	if t.B.OnRoster() {
		n++
	}
	return n
}

// OpinionsToward returns the texts of the opinions aimed at a side, one per line.
func (t *Talk) OpinionsToward(side string) string {
	var lines []string
	for _, o := range t.Opinions {
		if o.Toward == side {
			lines = append(lines, o.Text)
		}
	}
	return strings.Join(lines, "\n")
}

// SetOpinions replaces the opinions with one per non-empty line of each text.
func (t *Talk) SetOpinions(towardA, towardB string) {
	t.Opinions = nil
	for _, d := range []struct{ side, text string }{{TowardA, towardA}, {TowardB, towardB}} {
		for _, line := range strings.Split(d.text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				t.Opinions = append(t.Opinions, &TalkOpinion{Toward: d.side, Text: line})
			}
		}
	}
}

// Limits of a talk's fields, in characters.
const (
	MaxTalkName     = 50
	MaxTalkTopics   = 2000
	MaxTalkOpinion  = 1000
	MaxTalkOpinions = 100
)

// Validate returns an EINVALID error when the talk cannot be stored. It checks
// the sides against the meeting's roster, fills the roster names, and puts an
// outside person on side B. m is the meeting the talk belongs to.
func (t *Talk) Validate(m *Meeting) error {
	t.Topics = strings.TrimSpace(strings.ReplaceAll(t.Topics, "\r\n", "\n"))
	switch {
	case m == nil || t.MeetingID != m.ID:
		return Errorf(EINVALID, "谈心谈话记录必须属于一次会议。")
	case t.Date.IsZero():
		return Errorf(EINVALID, "请填写谈话日期。")
	case t.Date.Year() < 2000 || t.Date.Year() > 2100:
		return Errorf(EINVALID, "谈话日期不正确，请按“年-月-日”填写。")
	case utf8.RuneCountInString(t.Topics) > MaxTalkTopics:
		return Errorf(EINVALID, "谈话主题不能超过%d个字。", MaxTalkTopics)
	}
	y, mo, d := t.Date.Date()
	t.Date = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	if err := t.A.validate(m, "谈话人"); err != nil {
		return err
	} else if err := t.B.validate(m, "谈话对象"); err != nil {
		return err
	}
	switch {
	case !t.A.OnRoster() && !t.B.OnRoster():
		return Errorf(EINVALID, "谈话双方至少有一方应为班子成员。")
	case t.A.OnRoster() && t.A.ParticipantID == t.B.ParticipantID:
		return Errorf(EINVALID, "谈话双方不能是同一人。")
	case !t.A.OnRoster():
		t.swap()
	}
	return t.validateOpinions()
}

func (t *Talk) validateOpinions() error {
	if len(t.Opinions) > MaxTalkOpinions {
		return Errorf(EINVALID, "一次谈话最多登记%d条意见。", MaxTalkOpinions)
	}
	for _, o := range t.Opinions {
		o.Text = strings.TrimSpace(o.Text)
		switch {
		case o.Toward != TowardA && o.Toward != TowardB:
			return Errorf(EINVALID, "意见的方向不正确。")
		case o.Text == "":
			return Errorf(EINVALID, "意见内容不能为空。")
		case utf8.RuneCountInString(o.Text) > MaxTalkOpinion:
			return Errorf(EINVALID, "每条意见不能超过%d个字。", MaxTalkOpinion)
		}
	}
	return nil
}

// swap exchanges the sides and turns the opinions with them.
func (t *Talk) swap() {
	t.A, t.B = t.B, t.A
	for _, o := range t.Opinions {
		if o.Toward == TowardA {
			o.Toward = TowardB
		} else {
			o.Toward = TowardA
		}
	}
}

func (s *TalkSide) validate(m *Meeting, what string) error {
	s.Name, s.Department = strings.TrimSpace(s.Name), strings.TrimSpace(s.Department)
	if s.ParticipantID != 0 {
		for _, p := range m.Participants {
			if p.ID == s.ParticipantID {
				s.Name, s.Kind, s.Department = p.Name, PersonParticipant, ""
				return nil
			}
		}
		return Errorf(EINVALID, "%s不在本次会议的班子成员名单中。", what)
	}
	switch {
	case s.Kind != PersonDeptHead && s.Kind != PersonBranchRep && s.Kind != PersonOther:
		return Errorf(EINVALID, "请选择%s：班子成员，或注明名单以外人员的身份。", what)
	case s.Kind == PersonDeptHead && s.Department == "":
		return Errorf(EINVALID, "%s为分管部门负责人的，请填写所在部门。", what)
	case utf8.RuneCountInString(s.Department) > MaxTalkName:
		return Errorf(EINVALID, "部门名称不能超过%d个字。", MaxTalkName)
	case s.Name == "" && s.Kind == PersonDeptHead:
		s.Name = s.Department + "负责人"
	case s.Name == "":
		return Errorf(EINVALID, "请填写%s的姓名或所在部门。", what)
	}
	if utf8.RuneCountInString(s.Name) > MaxTalkName {
		return Errorf(EINVALID, "%s姓名不能超过%d个字。", what, MaxTalkName)
	}
	return nil
}

// TalkService 谈心谈话.
type TalkService interface {
	// FindTalkByID returns ENOTFOUND when it does not exist or the caller may not see it.
	FindTalkByID(ctx context.Context, id int64) (*Talk, error)
	// FindTalks lists the talks the caller may see, by date then id.
	FindTalks(ctx context.Context, filter TalkFilter) ([]*Talk, int, error)
	// RecordTalk returns EINVALID, ENOTFOUND (meeting) or EFORBIDDEN (neither
	// the organiser nor a participant recording their own talk).
	RecordTalk(ctx context.Context, t *Talk) error
	// UpdateTalk replaces the talk's fields and opinions; EINVALID, ENOTFOUND, or
	// EFORBIDDEN unless the caller is the organiser or the participant who recorded it.
	UpdateTalk(ctx context.Context, t *Talk) error
	// DeleteTalk returns ENOTFOUND or EFORBIDDEN as UpdateTalk.
	DeleteTalk(ctx context.Context, id int64) error
	// TalkMatrix returns the 四必谈 pairs of the meeting with done/missing, as far
	// as the caller may see them (a participant: their own pairs).
	TalkMatrix(ctx context.Context, meetingID int64) (*TalkMatrix, error)
	// CountTalks is the meeting's 谈心谈话N人次 (see Talk.PersonTimes), for any
	// caller who may see the meeting.
	CountTalks(ctx context.Context, meetingID int64) (int, error)
	// CountTalksByParticipant is each roster participant's 人次: the number of
	// talks they took part in. Participants without talks are absent.
	CountTalksByParticipant(ctx context.Context, meetingID int64) (map[int64]int, error)
	// FindTalkOpinions lists the opinions raised in the talks the caller may see
	// that are aimed at roster participants, for turning into 意见建议.
	FindTalkOpinions(ctx context.Context, meetingID int64) ([]*TalkOpinion, error)
}

// TalkFilter selects talks. Nil fields do not filter.
type TalkFilter struct {
	MeetingID     *int64
	ParticipantID *int64
	Offset, Limit int
}
