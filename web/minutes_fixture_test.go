package web

import (
	"context"
	"sync"
	"time"

	"jingzi"
	"jingzi/mock"
)

// minutesStore is the fixture's 会议记录 behind the mock service, keeping the
// promises of the real one: a draft until saved, organiser-only saves with the
// version checked, responses by the receiver, the report's day.
type minutesStore struct {
	svc    *mock.MinutesService
	mu     sync.Mutex
	stored *jingzi.Minutes // nil until saved
	saves  int
}

func (f *fixture) wireMinutes() {
	st := &minutesStore{svc: &mock.MinutesService{}}
	f.minutes = st
	f.s.MinutesService = st.svc
	visible := func(ctx context.Context, id int64) error {
		if id != f.meeting.ID || !jingzi.CanViewMeeting(ctx, f.meeting.OrgPath) {
			return jingzi.Errorf(jingzi.ENOTFOUND, "会议不存在或您无权查看。")
		}
		return nil
	}
	manage := func(ctx context.Context, id int64) error {
		if err := visible(ctx, id); err != nil {
			return err
		} else if !jingzi.CanManageMinutes(ctx, f.meeting) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以登记会议记录。")
		}
		return nil
	}
	st.svc.FindMinutesFn = func(ctx context.Context, id int64) (*jingzi.Minutes, error) {
		if err := visible(ctx, id); err != nil {
			return nil, err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.stored == nil {
			min := &jingzi.Minutes{MeetingID: id, ReportDays: jingzi.MeetingReportDays, Host: "张书记",
				Agenda: jingzi.DefaultAgenda(f.meeting, map[int64]int64{0: 1})}
			for _, p := range f.meeting.Participants {
				min.Attendance = append(min.Attendance, &jingzi.Attendance{ParticipantID: p.ID, Status: jingzi.AttendPresent})
			}
			return min, nil
		}
		return cloneMinutes(st.stored), nil
	}
	st.svc.SaveMinutesFn = func(ctx context.Context, min *jingzi.Minutes) error {
		if err := manage(ctx, min.MeetingID); err != nil {
			return err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		current := 0
		if st.stored != nil {
			current = st.stored.Version
		}
		if min.Version != current {
			return jingzi.Errorf(jingzi.ECONFLICT, "会议记录已被他人修改。")
		} else if err := min.Validate(f.meeting); err != nil {
			return err
		}
		for i, c := range min.Criticisms {
			if c.ID == 0 {
				c.ID = int64(100 + i)
			}
		}
		min.Version, min.Saved = current+1, true
		if st.stored != nil {
			min.ReportSentOn = st.stored.ReportSentOn
		}
		st.stored, st.saves = cloneMinutes(min), st.saves+1
		return nil
	}
	st.svc.RespondToCriticismFn = func(ctx context.Context, cid int64, response string) error {
		st.mu.Lock()
		defer st.mu.Unlock()
		var c *jingzi.Criticism
		if st.stored != nil {
			c = st.stored.Criticism(cid)
		}
		if c == nil || visible(ctx, f.meeting.ID) != nil {
			return jingzi.Errorf(jingzi.ENOTFOUND, "该批评意见不存在或您无权查看。")
		} else if !jingzi.CanRespondToCriticism(ctx, f.meeting, c) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有被批评的同志本人或党办组织者可以填写表态。")
		}
		r, err := jingzi.ValidateCriticismResponse(response)
		if err != nil {
			return err
		}
		c.Response = r
		st.stored.Version++
		return nil
	}
	st.svc.MarkReportSentFn = func(ctx context.Context, id int64, on *time.Time) error {
		if err := manage(ctx, id); err != nil {
			return err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.stored == nil {
			return jingzi.Errorf(jingzi.EINVALID, "请先保存会议记录，再登记情况报告的报送情况。")
		}
		st.stored.ReportSentOn = on
		return nil
	}
}

// save stores minutes directly, as if the organiser had saved them.
func (st *minutesStore) save(min *jingzi.Minutes) {
	st.mu.Lock()
	defer st.mu.Unlock()
	min.Saved = true
	if min.Version == 0 {
		min.Version = 1
	}
	st.stored = cloneMinutes(min)
}

func (st *minutesStore) get() *jingzi.Minutes {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.stored == nil {
		return nil
	}
	return cloneMinutes(st.stored)
}

// cloneMinutes copies the minutes deeply enough that a handler's changes do not reach the store.
func cloneMinutes(m *jingzi.Minutes) *jingzi.Minutes {
	c := *m
	c.Attendance, c.Agenda, c.Criticisms = nil, nil, nil
	for _, a := range m.Attendance {
		x := *a
		c.Attendance = append(c.Attendance, &x)
	}
	for _, it := range m.Agenda {
		x := *it
		c.Agenda = append(c.Agenda, &x)
	}
	for _, cr := range m.Criticisms {
		x := *cr
		c.Criticisms = append(c.Criticisms, &x)
	}
	return &c
}
