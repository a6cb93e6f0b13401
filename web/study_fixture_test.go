package web

import (
	"bytes"
	"context"
	"io"
	"sync"
	"time"

	"jingzi"
	"jingzi/mock"
)

// studyStore is the fixture's 学习研讨: sessions in memory behind the mock
// service, checking permissions the way the real one promises. Session 1 was
// held on 2024-02-20 (张书记 出席, 李副局长 请假, 李副局长's note, one PDF);
// session 2 is planned for 2024-03-15, after the fixture's today.
type studyStore struct {
	svc     *mock.StudyService
	mu      sync.Mutex
	studies []*jingzi.Study
	content map[int64][]byte // by file id
	nextID  int64
}

const studyPDF = "%PDF-1.4\n学习提纲\n%%EOF"

func (f *fixture) wireStudies() {
	st := &studyStore{svc: &mock.StudyService{}, content: map[int64][]byte{}, nextID: 100}
	f.studies = st
	day := func(d int, m time.Month) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC) }
	st.studies = []*jingzi.Study{
		{ID: 1, MeetingID: 7, Date: day(20, 2), Topic: "专题学习党的二十大精神", Form: jingzi.StudyCentral, Materials: "党的二十大报告",
			Attendance: []*jingzi.Attendance{{ParticipantID: 1, Status: jingzi.AttendPresent}, {ParticipantID: 2, Status: jingzi.AttendLeave, Reason: "公务出差"}},
			Notes:      []*jingzi.StudyNote{{ParticipantID: 2, Text: "通过学习，深刻认识到……", UpdatedBy: "李副局长（li）"}},
			Files:      []*jingzi.StudyFile{{ID: 1, StudyID: 1, Name: "学习提纲.pdf", ContentType: "application/pdf", Size: int64(len(studyPDF))}}},
		{ID: 2, MeetingID: 7, Date: day(15, 3), Topic: "专题研讨：以学促干", Form: jingzi.StudySeminar},
	}
	st.content[1] = []byte(studyPDF)
	svc := st.svc
	svc.FindStudiesFn = func(ctx context.Context, filter jingzi.StudyFilter) ([]*jingzi.Study, int, error) {
		if _, err := st.meeting(ctx, f, false); err != nil {
			return nil, 0, err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		return append([]*jingzi.Study(nil), st.studies...), len(st.studies), nil
	}
	svc.FindStudyByIDFn = func(ctx context.Context, id int64) (*jingzi.Study, error) {
		s, err := st.find(ctx, f, id, false)
		if err != nil {
			return nil, err
		}
		c := *s
		return &c, nil
	}
	svc.CreateStudyFn = func(ctx context.Context, s *jingzi.Study) error {
		if _, err := st.meeting(ctx, f, true); err != nil {
			return err
		} else if err := s.Validate(); err != nil {
			return err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		st.nextID++
		s.ID = st.nextID
		st.studies = append(st.studies, s)
		return nil
	}
	svc.UpdateStudyFn = func(ctx context.Context, id int64, upd jingzi.StudyUpdate) (*jingzi.Study, error) {
		s, err := st.find(ctx, f, id, true)
		if err != nil {
			return nil, err
		}
		c := *s
		upd.Apply(&c)
		if err := c.Validate(); err != nil {
			return nil, err
		}
		*s = c
		return s, nil
	}
	svc.DeleteStudyFn = func(ctx context.Context, id int64) error {
		if _, err := st.find(ctx, f, id, true); err != nil {
			return err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		for i, s := range st.studies {
			if s.ID == id {
				st.studies = append(st.studies[:i], st.studies[i+1:]...)
			}
		}
		return nil
	}
	st.wireRecords(f)
	st.wireFiles(f)
}

func (st *studyStore) wireRecords(f *fixture) {
	st.svc.SetAttendanceFn = func(ctx context.Context, id int64, entries []*jingzi.Attendance) error {
		s, err := st.find(ctx, f, id, true)
		if err != nil {
			return err
		}
		for _, a := range entries {
			if err := jingzi.ValidateAttendance(f.meeting, a); err != nil {
				return err
			}
		}
		s.Attendance = entries
		return nil
	}
	st.svc.SaveNoteFn = func(ctx context.Context, id, pid int64, text string) error {
		s, err := st.find(ctx, f, id, false)
		if err != nil {
			return err
		}
		text, err = jingzi.ValidateStudyNote(text)
		if err != nil {
			return err
		} else if !jingzi.CanWriteStudyNote(ctx, f.meeting, pid) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "您只能填写本人的研讨发言和心得。")
		}
		var notes []*jingzi.StudyNote
		for _, n := range s.Notes {
			if n.ParticipantID != pid {
				notes = append(notes, n)
			}
		}
		if text != "" {
			notes = append(notes, &jingzi.StudyNote{ParticipantID: pid, Text: text, UpdatedBy: jingzi.ActorFromContext(ctx).Name()})
		}
		s.Notes = notes
		return nil
	}
}

func (st *studyStore) wireFiles(f *fixture) {
	st.svc.AddStudyFileFn = func(ctx context.Context, id int64, name string, r io.Reader) (*jingzi.StudyFile, error) {
		s, err := st.find(ctx, f, id, true)
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		} else if bytes.HasPrefix(data, []byte("<html")) {
			return nil, jingzi.Errorf(jingzi.EINVALID, "仅支持 PDF、Word（.docx）、图片（PNG、JPEG、GIF、WebP）和纯文本文件，该文件未保存。")
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		st.nextID++
		sf := &jingzi.StudyFile{ID: st.nextID, StudyID: id, Name: name, ContentType: "application/pdf", Size: int64(len(data))}
		st.content[sf.ID] = data
		s.Files = append(s.Files, sf)
		return sf, nil
	}
	st.svc.OpenStudyFileFn = func(ctx context.Context, fileID int64) (*jingzi.StudyFile, io.ReadCloser, error) {
		for _, s := range st.studies {
			for _, sf := range s.Files {
				if sf.ID == fileID && jingzi.CanViewStudy(ctx, f.meeting) {
					return sf, io.NopCloser(bytes.NewReader(st.content[fileID])), nil
				}
			}
		}
		return nil, nil, jingzi.Errorf(jingzi.ENOTFOUND, "学习材料不存在或您无权下载。")
	}
	st.svc.DeleteStudyFileFn = func(ctx context.Context, fileID int64) error {
		if !jingzi.CanManageStudy(ctx, f.meeting) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以删除学习材料。")
		}
		for _, s := range st.studies {
			for i, sf := range s.Files {
				if sf.ID == fileID {
					s.Files = append(s.Files[:i], s.Files[i+1:]...)
					return nil
				}
			}
		}
		return jingzi.Errorf(jingzi.ENOTFOUND, "学习材料不存在或已被删除。")
	}
}

// meeting returns the fixture's meeting when the caller may see (or, with
// manage, change) its sessions.
func (st *studyStore) meeting(ctx context.Context, f *fixture, manage bool) (*jingzi.Meeting, error) {
	m := f.meeting
	if !jingzi.CanViewStudy(ctx, m) {
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "学习研讨记录不存在或您无权查看。")
	} else if manage && !jingzi.CanManageStudy(ctx, m) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以登记和修改学习研讨。")
	}
	return m, nil
}

func (st *studyStore) find(ctx context.Context, f *fixture, id int64, manage bool) (*jingzi.Study, error) {
	if _, err := st.meeting(ctx, f, manage); err != nil {
		return nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, s := range st.studies {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, jingzi.Errorf(jingzi.ENOTFOUND, "学习研讨记录不存在或您无权查看。")
}

func (st *studyStore) byID(id int64) *jingzi.Study {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, s := range st.studies {
		if s.ID == id {
			return s
		}
	}
	return nil
}
