package sqldb_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// memFiles is an in-memory jingzi.FileStore that refuses HTML, as the real one does.
type memFiles struct {
	mu    sync.Mutex
	files map[string][]byte
	puts  int
}

func (m *memFiles) Put(ctx context.Context, r io.Reader) (*jingzi.StoredFile, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	} else if bytes.HasPrefix(data, []byte("<html")) {
		return nil, jingzi.Errorf(jingzi.EINVALID, "仅支持 PDF、Word（.docx）、图片和纯文本文件，该文件未保存。")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.puts++
	key := fmt.Sprintf("%032x", m.puts)
	m.files[key] = data
	return &jingzi.StoredFile{Key: key, ContentType: "text/plain; charset=utf-8", Size: int64(len(data))}, nil
}

func (m *memFiles) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[key]
	if !ok {
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "文件不存在或已被删除。")
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

func (m *memFiles) Delete(ctx context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, key)
	return nil
}

func (m *memFiles) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.files)
}

// studyFixture is the statement fixture's meeting (clock at 2022-01-10) with a
// study service and a participant-role user who is not on the roster.
type studyFixture struct {
	*statementFixture
	svc       *sqldb.StudyService
	files     *memFiles
	offRoster *jingzi.User
}

func newStudyFixture(t *testing.T, db *sqldb.DB) *studyFixture {
	t.Helper()
	f := &studyFixture{statementFixture: newStatementFixture(t, db), files: &memFiles{files: map[string][]byte{}}}
	f.svc = sqldb.NewStudyService(db, f.files)
	f.svc.Location = time.UTC
	f.offRoster = mustCreateUser(t, db, "clerk", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	return f
}

func (f *studyFixture) create(t *testing.T, day string, topic string) *jingzi.Study {
	t.Helper()
	d, _ := time.Parse("2006-01-02", day)
	st := &jingzi.Study{MeetingID: f.meeting.ID, Date: d, Topic: topic, Form: jingzi.StudySeminar, Materials: "《习近平谈治国理政》第四卷"}
	if err := f.svc.CreateStudy(asUser(f.organizer), st); err != nil {
		t.Fatal(err)
	}
	return st
}

func (f *studyFixture) pid(i int) int64 { return f.meeting.Participants[i].ID }

// Organisers record sessions; the roster, organisers and reviewers see them;
// nobody else does, and only organisers change them.
func TestStudySessions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStudyFixture(t, db)
		later := f.create(t, "2021-12-20", "专题研讨：坚定理想信念")
		first := f.create(t, "2021-12-01", "集中学习党的十九届六中全会精神")
		for _, u := range []*jingzi.User{f.organizer, f.member, f.reviewer} {
			list, total, err := f.svc.FindStudies(asUser(u), jingzi.StudyFilter{MeetingID: &f.meeting.ID})
			if err != nil || total != 2 || list[0].ID != first.ID || list[1].ID != later.ID {
				t.Fatalf("%s lists %d sessions (%v), want both by date", u.Login, total, err)
			}
		}
		for _, u := range []*jingzi.User{f.other, f.offRoster} {
			if _, _, err := f.svc.FindStudies(asUser(u), jingzi.StudyFilter{MeetingID: &f.meeting.ID}); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
				t.Errorf("%s lists sessions: %v, want ENOTFOUND", u.Login, err)
			}
			if _, err := f.svc.FindStudyByID(asUser(u), first.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
				t.Errorf("%s reads a session: %v, want ENOTFOUND", u.Login, err)
			}
		}
		st := &jingzi.Study{MeetingID: f.meeting.ID, Date: first.Date, Topic: "自学", Form: jingzi.StudySelf}
		if err := f.svc.CreateStudy(asUser(f.member), st); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a member creates a session: %v, want EFORBIDDEN", err)
		}
		topic, form := "  专题研讨：践行初心使命  ", jingzi.StudyCentral
		got, err := f.svc.UpdateStudy(asUser(f.organizer), later.ID, jingzi.StudyUpdate{Topic: &topic, Form: &form})
		if err != nil || got.Topic != "专题研讨：践行初心使命" || got.Form != jingzi.StudyCentral || !got.Date.Equal(later.Date) {
			t.Fatalf("update: %+v, %v", got, err)
		}
		blank := " "
		if _, err := f.svc.UpdateStudy(asUser(f.organizer), later.ID, jingzi.StudyUpdate{Topic: &blank}); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("blank topic: %v, want EINVALID", err)
		}
		if _, err := f.svc.UpdateStudy(asUser(f.reviewer), later.ID, jingzi.StudyUpdate{Topic: &topic}); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a reviewer edits: %v, want EFORBIDDEN", err)
		}
		if err := f.svc.DeleteStudy(asUser(f.member), later.ID); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a member deletes: %v, want EFORBIDDEN", err)
		}
		if err := f.svc.DeleteStudy(asUser(f.organizer), later.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.FindStudyByID(asUser(f.organizer), later.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("deleted session still found: %v", err)
		}
		for action, want := range map[string]int{"study.create": 2, "study.update": 1, "study.delete": 1} {
			if n := studyAudits(t, db, action); n != want {
				t.Errorf("%d audit entries %s, want %d", n, action, want)
			}
		}
	})
}

// Attendance is per roster participant; a leave needs a reason; only sessions
// held so far count towards 学习研讨N次 and each participant's attendance.
func TestStudyAttendanceAndCounts(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStudyFixture(t, db)
		a := f.create(t, "2021-12-01", "集中学习")
		b := f.create(t, "2022-01-10", "专题研讨") // today on the test clock
		planned := f.create(t, "2022-01-20", "读书班")
		org := asUser(f.organizer)
		bad := []struct {
			name    string
			entries []*jingzi.Attendance
		}{
			{"leave without reason", []*jingzi.Attendance{{ParticipantID: f.pid(0), Status: jingzi.AttendLeave}}},
			{"off the roster", []*jingzi.Attendance{{ParticipantID: 99999, Status: jingzi.AttendPresent}}},
			{"unknown status", []*jingzi.Attendance{{ParticipantID: f.pid(0), Status: "maybe"}}},
			{"twice", []*jingzi.Attendance{{ParticipantID: f.pid(0), Status: jingzi.AttendPresent}, {ParticipantID: f.pid(0), Status: jingzi.AttendPresent}}},
		}
		for _, tt := range bad {
			if err := f.svc.SetAttendance(org, a.ID, tt.entries); jingzi.ErrorCode(err) != jingzi.EINVALID {
				t.Errorf("%s: %v, want EINVALID", tt.name, err)
			}
		}
		all := func(leave int) []*jingzi.Attendance {
			var out []*jingzi.Attendance
			for i := range f.meeting.Participants {
				e := &jingzi.Attendance{ParticipantID: f.pid(i), Status: jingzi.AttendPresent, Reason: "忽略"}
				if i == leave {
					e.Status, e.Reason = jingzi.AttendLeave, "公务出差"
				}
				out = append(out, e)
			}
			return out
		}
		for _, st := range []*jingzi.Study{a, b, planned} {
			if err := f.svc.SetAttendance(org, st.ID, all(-1)); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.svc.SetAttendance(org, b.ID, all(2)); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SetAttendance(asUser(f.member), b.ID, all(1)); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a member records attendance: %v, want EFORBIDDEN", err)
		}
		got, err := f.svc.FindStudyByID(asUser(f.member), b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Present() != 2 || len(got.Attendance) != 3 || got.Attendee(f.pid(2)).Reason != "公务出差" || got.Attendee(f.pid(0)).Reason != "" {
			t.Errorf("attendance after replacing: %d present, %+v", got.Present(), got.Attendance)
		}
		n, err := f.svc.CountStudies(asUser(f.member), f.meeting.ID)
		if err != nil || n != 2 {
			t.Errorf("学习研讨 = %d (%v), want 2: the session planned for later does not count", n, err)
		}
		counts, err := f.svc.CountAttendance(asUser(f.member), f.meeting.ID)
		if err != nil || counts[f.pid(0)] != 2 || counts[f.pid(2)] != 1 || len(counts) != 3 {
			t.Errorf("attendance counts = %v (%v)", counts, err)
		}
		if err := f.svc.SaveNote(org, a.ID, f.pid(0), "发言"); err != nil {
			t.Fatal(err)
		}
		progress, err := f.svc.MeetingProgress(asUser(f.member), f.meeting.ID)
		if err != nil || progress.StudySessions == nil || *progress.StudySessions != (jingzi.StudyProgress{Sessions: 2, WithoutNotes: 2}) {
			t.Errorf("phase strip numbers: %+v, %v", progress.StudySessions, err)
		}
		if _, err := f.svc.CountStudies(asUser(f.other), f.meeting.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("count for another org: %v, want ENOTFOUND", err)
		}
	})
}

// A participant writes their own 研讨发言/心得 only; the organiser enters
// anyone's; empty text removes a note.
func TestStudyNotes(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStudyFixture(t, db)
		st := f.create(t, "2021-12-01", "专题研讨")
		if err := f.svc.SaveNote(asUser(f.member), st.ID, f.pid(1), "  通过学习，深刻认识到……  "); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SaveNote(asUser(f.member), st.ID, f.pid(2), "代写"); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a member writes a colleague's note: %v, want EFORBIDDEN", err)
		}
		if err := f.svc.SaveNote(asUser(f.reviewer), st.ID, f.pid(2), "点评"); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a reviewer writes a note: %v, want EFORBIDDEN", err)
		}
		if err := f.svc.SaveNote(asUser(f.other), st.ID, f.pid(2), "x"); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("another org writes: %v, want ENOTFOUND", err)
		}
		if err := f.svc.SaveNote(asUser(f.organizer), st.ID, f.pid(2), "据会议记录整理的发言。"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SaveNote(asUser(f.organizer), st.ID, f.pid(0), strings.Repeat("学", jingzi.MaxStudyNote+1)); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("an overlong note: %v, want EINVALID", err)
		}
		got, _ := f.svc.FindStudyByID(asUser(f.reviewer), st.ID)
		if len(got.Notes) != 2 || got.Note(f.pid(1)).Text != "通过学习，深刻认识到……" || got.Note(f.pid(2)).UpdatedBy != "测试dangban（dangban）" {
			t.Fatalf("notes: %+v", got.Notes)
		}
		if err := f.svc.SaveNote(asUser(f.member), st.ID, f.pid(1), "改写后的心得"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SaveNote(asUser(f.organizer), st.ID, f.pid(2), ""); err != nil {
			t.Fatal(err)
		}
		got, _ = f.svc.FindStudyByID(asUser(f.member), st.ID)
		if len(got.Notes) != 1 || got.Note(f.pid(1)).Text != "改写后的心得" {
			t.Errorf("after rewrite and removal: %+v", got.Notes)
		}
	})
}

// Materials are downloadable by whoever sees the session, added only by the
// organiser; a refused file leaves no row, a deleted session no file.
func TestStudyFiles(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStudyFixture(t, db)
		st := f.create(t, "2021-12-01", "集中学习")
		org := asUser(f.organizer)
		if _, err := f.svc.AddStudyFile(asUser(f.member), st.ID, "x.txt", strings.NewReader("x")); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN || f.files.puts != 0 {
			t.Errorf("a member uploads: %v, %d files written; want EFORBIDDEN before writing", err, f.files.puts)
		}
		if _, err := f.svc.AddStudyFile(org, st.ID, "page.html", strings.NewReader("<html>")); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("refused type: %v, want EINVALID", err)
		}
		sf, err := f.svc.AddStudyFile(org, st.ID, `C:\材料\..\学习提纲"1".txt`, strings.NewReader("学习提纲"))
		if err != nil {
			t.Fatal(err)
		}
		if sf.Name != "学习提纲1.txt" {
			t.Errorf("stored name %q", sf.Name)
		}
		for _, u := range []*jingzi.User{f.member, f.reviewer} {
			got, rc, err := f.svc.OpenStudyFile(asUser(u), sf.ID)
			if err != nil {
				t.Fatalf("%s downloads: %v", u.Login, err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			if string(data) != "学习提纲" || got.Name != sf.Name {
				t.Errorf("%s downloads %q as %q", u.Login, data, got.Name)
			}
		}
		for _, u := range []*jingzi.User{f.other, f.offRoster} {
			if _, _, err := f.svc.OpenStudyFile(asUser(u), sf.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
				t.Errorf("%s downloads: %v, want ENOTFOUND", u.Login, err)
			}
		}
		got, _ := f.svc.FindStudyByID(org, st.ID)
		if len(got.Files) != 1 || got.Files[0].Size != int64(len("学习提纲")) {
			t.Errorf("files of the session: %+v", got.Files)
		}
		second, err := f.svc.AddStudyFile(org, st.ID, "b.txt", strings.NewReader("第二份"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeleteStudyFile(asUser(f.member), second.ID); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a member deletes a file: %v", err)
		}
		if err := f.svc.DeleteStudyFile(org, second.ID); err != nil || f.files.count() != 1 {
			t.Fatalf("delete file: %v, %d files left", err, f.files.count())
		}
		if err := f.svc.DeleteStudy(org, st.ID); err != nil {
			t.Fatal(err)
		}
		if n := f.files.count(); n != 0 {
			t.Errorf("%d files left after deleting the session", n)
		}
		if _, _, err := f.svc.OpenStudyFile(org, sf.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("file of a deleted session: %v", err)
		}
	})
}

func studyAudits(t *testing.T, db *sqldb.DB, action string) int {
	t.Helper()
	_, n, err := sqldb.NewAuditService(db).FindAuditEntries(sys, jingzi.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Removing a participant from the roster drops their attendance, but is
// refused while they have a 研讨发言 on record.
func TestStudyRosterChange(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStudyFixture(t, db)
		org := asUser(f.organizer)
		st := f.create(t, "2021-12-01", "专题研讨")
		if err := f.svc.SetAttendance(org, st.ID, []*jingzi.Attendance{{ParticipantID: f.pid(2), Status: jingzi.AttendPresent}}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SaveNote(org, st.ID, f.pid(2), "张伟的发言"); err != nil {
			t.Fatal(err)
		}
		meetings := sqldb.NewMeetingService(db)
		drop := func() error {
			m, err := meetings.FindMeetingByID(org, f.meeting.ID)
			if err != nil {
				t.Fatal(err)
			}
			roster := m.Participants[:2]
			_, err = meetings.UpdateMeeting(org, m.ID, jingzi.MeetingUpdate{Version: m.Version, Participants: &roster})
			return err
		}
		if err := drop(); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Fatalf("removing a participant with a note: %v, want ECONFLICT", err)
		}
		if got, _ := f.svc.FindStudyByID(org, st.ID); got.Note(f.pid(2)) == nil {
			t.Fatal("the note is gone after a refused roster change")
		}
		if err := f.svc.SaveNote(org, st.ID, f.pid(2), ""); err != nil {
			t.Fatal(err)
		}
		if err := drop(); err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.FindStudyByID(org, st.ID)
		if err != nil || len(got.Attendance) != 0 {
			t.Errorf("attendance after the roster change: %+v, %v", got, err)
		}
	})
}
