package mock

import (
	"context"
	"io"

	"jingzi"
)

var _ jingzi.StudyService = (*StudyService)(nil)

// StudyService is a mock of jingzi.StudyService 学习研讨.
type StudyService struct {
	FindStudyByIDFn   func(ctx context.Context, id int64) (*jingzi.Study, error)
	FindStudiesFn     func(ctx context.Context, filter jingzi.StudyFilter) ([]*jingzi.Study, int, error)
	CreateStudyFn     func(ctx context.Context, s *jingzi.Study) error
	UpdateStudyFn     func(ctx context.Context, id int64, upd jingzi.StudyUpdate) (*jingzi.Study, error)
	DeleteStudyFn     func(ctx context.Context, id int64) error
	SetAttendanceFn   func(ctx context.Context, studyID int64, entries []*jingzi.Attendance) error
	SaveNoteFn        func(ctx context.Context, studyID, participantID int64, text string) error
	AddStudyFileFn    func(ctx context.Context, studyID int64, name string, r io.Reader) (*jingzi.StudyFile, error)
	OpenStudyFileFn   func(ctx context.Context, fileID int64) (*jingzi.StudyFile, io.ReadCloser, error)
	DeleteStudyFileFn func(ctx context.Context, fileID int64) error
	CountStudiesFn    func(ctx context.Context, meetingID int64) (int, error)
	CountAttendanceFn func(ctx context.Context, meetingID int64) (map[int64]int, error)
}

func (s *StudyService) FindStudyByID(ctx context.Context, id int64) (*jingzi.Study, error) {
	return s.FindStudyByIDFn(ctx, id)
}

func (s *StudyService) FindStudies(ctx context.Context, filter jingzi.StudyFilter) ([]*jingzi.Study, int, error) {
	return s.FindStudiesFn(ctx, filter)
}

func (s *StudyService) CreateStudy(ctx context.Context, st *jingzi.Study) error {
	return s.CreateStudyFn(ctx, st)
}

func (s *StudyService) UpdateStudy(ctx context.Context, id int64, upd jingzi.StudyUpdate) (*jingzi.Study, error) {
	return s.UpdateStudyFn(ctx, id, upd)
}

func (s *StudyService) DeleteStudy(ctx context.Context, id int64) error {
	return s.DeleteStudyFn(ctx, id)
}

func (s *StudyService) SetAttendance(ctx context.Context, studyID int64, entries []*jingzi.Attendance) error {
	return s.SetAttendanceFn(ctx, studyID, entries)
}

func (s *StudyService) SaveNote(ctx context.Context, studyID, participantID int64, text string) error {
	return s.SaveNoteFn(ctx, studyID, participantID, text)
}

func (s *StudyService) AddStudyFile(ctx context.Context, studyID int64, name string, r io.Reader) (*jingzi.StudyFile, error) {
	return s.AddStudyFileFn(ctx, studyID, name, r)
}

func (s *StudyService) OpenStudyFile(ctx context.Context, fileID int64) (*jingzi.StudyFile, io.ReadCloser, error) {
	return s.OpenStudyFileFn(ctx, fileID)
}

func (s *StudyService) DeleteStudyFile(ctx context.Context, fileID int64) error {
	return s.DeleteStudyFileFn(ctx, fileID)
}

func (s *StudyService) CountStudies(ctx context.Context, meetingID int64) (int, error) {
	return s.CountStudiesFn(ctx, meetingID)
}

func (s *StudyService) CountAttendance(ctx context.Context, meetingID int64) (map[int64]int, error) {
	return s.CountAttendanceFn(ctx, meetingID)
}
