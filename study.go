package jingzi

import (
	"context"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// StudyForm 学习形式 of a session.
type StudyForm string

const (
	StudyCentral  StudyForm = "central" // 集中学习
	StudySeminar  StudyForm = "seminar" // 专题研讨
	StudySelf     StudyForm = "self"    // 个人自学交流
	StudyLecture  StudyForm = "lecture" // 专题辅导（党课、报告会）
	StudyReading  StudyForm = "reading" // 读书班
	StudyFormElse StudyForm = "other"   // 其他
)

// StudyForms lists the forms in the order the forms offer them.
var StudyForms = []StudyForm{StudyCentral, StudySeminar, StudySelf, StudyLecture, StudyReading, StudyFormElse}

// Label is the Chinese name of the form.
func (f StudyForm) Label() string {
	switch f {
	case StudyCentral:
		return "集中学习"
	case StudySeminar:
		return "专题研讨"
	case StudySelf:
		return "个人自学交流"
	case StudyLecture:
		return "专题辅导"
	case StudyReading:
		return "读书班"
	case StudyFormElse:
		return "其他"
	}
	return string(f)
}

// Valid reports whether f is a known form.
func (f StudyForm) Valid() bool {
	for _, v := range StudyForms {
		if f == v {
			return true
		}
	}
	return false
}

// Attendance statuses 出席 / 请假. A participant with no entry is 未登记.
const (
	AttendPresent = "present" // 出席
	AttendLeave   = "leave"   // 请假
)

// Attendance 出席情况 of one roster participant at one session.
type Attendance struct {
	ParticipantID int64
	Status        string // AttendPresent or AttendLeave
	Reason        string // 请假事由, required for AttendLeave
}

// StudyNote 研讨发言/心得 of one participant at one session. A participant
// writes their own; the organiser may enter anyone's (e.g. from the minutes).
type StudyNote struct {
	ParticipantID int64
	Text          string
	UpdatedAt     time.Time
	UpdatedBy     string
}

// StudyFile 学习材料 uploaded for a session; its content lives in the FileStore.
type StudyFile struct {
	ID          int64
	StudyID     int64
	Name        string // the file name as uploaded, for the download
	ContentType string
	Size        int64
	Key         string // FileStore key; never shown
	UploadedAt  time.Time
	UploadedBy  string
}

// Study 学习研讨 is one pre-meeting study session of a meeting's team.
type Study struct {
	ID        int64
	MeetingID int64
	Date      time.Time // the calendar day, at midnight UTC
	Topic     string
	Form      StudyForm
	Materials string // 学习内容/材料 as text
	// Attendance, Notes and Files are in roster order and upload order.
	Attendance []*Attendance
	Notes      []*StudyNote
	Files      []*StudyFile
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Limits of a session's text fields.
const (
	MaxStudyTopic     = 200
	MaxStudyMaterials = 20000
	MaxStudyNote      = 20000
	MaxLeaveReason    = 200
)

// Validate returns an EINVALID error when the session cannot be stored.
func (s *Study) Validate() error {
	s.Topic = strings.TrimSpace(s.Topic)
	s.Materials = strings.TrimSpace(s.Materials)
	switch {
	case s.Date.IsZero():
		return Errorf(EINVALID, "请填写学习研讨的日期。")
	case s.Date.Year() < 2000 || s.Date.Year() > 2100:
		return Errorf(EINVALID, "学习研讨的日期不正确，请按“2024-03-01”的格式填写。")
	case s.Topic == "":
		return Errorf(EINVALID, "请填写学习研讨的主题。")
	case utf8.RuneCountInString(s.Topic) > MaxStudyTopic:
		return Errorf(EINVALID, "学习研讨主题不能超过%d个字。", MaxStudyTopic)
	case !s.Form.Valid():
		return Errorf(EINVALID, "请选择学习形式。")
	case utf8.RuneCountInString(s.Materials) > MaxStudyMaterials:
		return Errorf(EINVALID, "学习材料文字不能超过%d个字，较长的材料请作为附件上传。", MaxStudyMaterials)
	}
	y, m, d := s.Date.Date()
	s.Date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return nil
}

// Attendee returns the participant's attendance, or nil when not recorded.
func (s *Study) Attendee(participantID int64) *Attendance {
	return attendee(s.Attendance, participantID)
}

// attendee finds the participant's entry in an attendance list, or nil.
func attendee(list []*Attendance, participantID int64) *Attendance {
	for _, a := range list {
		if a.ParticipantID == participantID {
			return a
		}
	}
	return nil
}

// Note returns the participant's note, or nil.
func (s *Study) Note(participantID int64) *StudyNote {
	for _, n := range s.Notes {
		if n.ParticipantID == participantID {
			return n
		}
	}
	return nil
}

// Present counts the participants recorded as 出席.
func (s *Study) Present() int {
	n := 0
	for _, a := range s.Attendance {
		if a.Status == AttendPresent {
			n++
		}
	}
	return n
}

// ValidateAttendance checks one entry against the roster.
func ValidateAttendance(m *Meeting, a *Attendance) error {
	a.Reason = strings.TrimSpace(a.Reason)
	p := rosterParticipant(m, a.ParticipantID)
	switch {
	case p == nil:
		return Errorf(EINVALID, "该同志不在本次会议的班子成员名单中。")
	case a.Status != AttendPresent && a.Status != AttendLeave:
		return Errorf(EINVALID, "请为%s选择“出席”或“请假”。", p.Name)
	case a.Status == AttendLeave && a.Reason == "":
		return Errorf(EINVALID, "%s请假，请填写请假事由。", p.Name)
	case utf8.RuneCountInString(a.Reason) > MaxLeaveReason:
		return Errorf(EINVALID, "%s的请假事由不能超过%d个字。", p.Name, MaxLeaveReason)
	}
	if a.Status == AttendPresent {
		a.Reason = ""
	}
	return nil
}

// rosterParticipant returns the participant with the id on the roster, or nil.
func rosterParticipant(m *Meeting, id int64) *Participant {
	for _, p := range m.Participants {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// StudyService 学习研讨.
type StudyService interface {
	// FindStudyByID returns the session with attendance, notes and files.
	// ENOTFOUND when it does not exist or the caller may not see it.
	FindStudyByID(ctx context.Context, id int64) (*Study, error)
	// FindStudies lists a meeting's sessions by date. ENOTFOUND when the caller
	// may not see the meeting's study sessions.
	FindStudies(ctx context.Context, filter StudyFilter) ([]*Study, int, error)
	// CreateStudy returns EINVALID, or EFORBIDDEN unless the caller organises the team.
	CreateStudy(ctx context.Context, s *Study) error
	// UpdateStudy changes date, topic, form and materials text. EINVALID, EFORBIDDEN, ENOTFOUND.
	UpdateStudy(ctx context.Context, id int64, upd StudyUpdate) (*Study, error)
	// DeleteStudy removes the session with its attendance, notes and files (organiser).
	DeleteStudy(ctx context.Context, id int64) error
	// SetAttendance replaces the session's attendance with the entries given
	// (organiser). EINVALID for a participant off the roster or a leave without reason.
	SetAttendance(ctx context.Context, studyID int64, entries []*Attendance) error
	// SaveNote stores a participant's 研讨发言/心得; empty text removes it. The
	// participant writes their own, the organiser anyone's; others get EFORBIDDEN.
	SaveNote(ctx context.Context, studyID, participantID int64, text string) error
	// AddStudyFile stores an uploaded material (organiser). EINVALID for a file
	// the FileStore refuses; nothing is kept then.
	AddStudyFile(ctx context.Context, studyID int64, name string, r io.Reader) (*StudyFile, error)
	// OpenStudyFile returns a material for download to whoever may see the session.
	OpenStudyFile(ctx context.Context, fileID int64) (*StudyFile, io.ReadCloser, error)
	// DeleteStudyFile removes a material (organiser).
	DeleteStudyFile(ctx context.Context, fileID int64) error
	// CountStudies is 学习研讨N次 for the statements' preface: the meeting's
	// sessions held so far (dated today or earlier).
	CountStudies(ctx context.Context, meetingID int64) (int, error)
	// CountAttendance maps each roster participant's id to the sessions held so
	// far that they attended (出席).
	CountAttendance(ctx context.Context, meetingID int64) (map[int64]int, error)
}

// StudyFilter selects sessions, oldest date first.
type StudyFilter struct {
	MeetingID     *int64
	Offset, Limit int
}

// StudyUpdate holds the fields to change; nil fields stay.
type StudyUpdate struct {
	Date      *time.Time
	Topic     *string
	Form      *StudyForm
	Materials *string
}

// Apply sets the given fields on s.
func (u StudyUpdate) Apply(s *Study) {
	if u.Date != nil {
		s.Date = *u.Date
	}
	if u.Topic != nil {
		s.Topic = *u.Topic
	}
	if u.Form != nil {
		s.Form = *u.Form
	}
	if u.Materials != nil {
		s.Materials = *u.Materials
	}
}

// ValidateStudyNote trims a note and checks its length.
func ValidateStudyNote(text string) (string, error) {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) > MaxStudyNote {
		return "", Errorf(EINVALID, "研讨发言或心得不能超过%d个字。", MaxStudyNote)
	}
	return text, nil
}

// StudyDay returns the calendar day of t in loc as the value Study.Date holds.
func StudyDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
