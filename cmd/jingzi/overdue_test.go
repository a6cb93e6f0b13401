package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// overdueSite is one team with one 限期整改 item due 2022-01-20, its 责任人
// 李红梅 and 牵头领导 张伟 with accounts, and an organiser.
type overdueSite struct {
	db                 *sqldb.DB
	clock              *fakeClock
	ledger             *sqldb.LedgerService
	item               *jingzi.LedgerItem
	owner, lead, organ *jingzi.User
}

func newOverdueSite(t *testing.T) *overdueSite {
	t.Helper()
	s := &overdueSite{clock: &fakeClock{now: time.Date(2022, 1, 10, 9, 0, 0, 0, time.UTC)}}
	s.db = sqldb.NewDB(filepath.Join(t.TempDir(), "jingzi.db"))
	s.db.Now = s.clock.Now
	if err := s.db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.db.Close() })
	sys := jingzi.SystemContext(context.Background(), "测试")
	org := &jingzi.Org{Name: "中共江城市民政局委员会", Kind: jingzi.OrgCommittee}
	if err := sqldb.NewOrgService(s.db).CreateOrg(sys, org); err != nil {
		t.Fatal(err)
	}
	user := func(login string, r jingzi.Role) *jingzi.User {
		u := &jingzi.User{Login: login, Name: login, OrgID: org.ID, Grants: []jingzi.Grant{{Role: r, OrgID: org.ID}}}
		if err := sqldb.NewUserService(s.db).CreateUser(sys, u, DemoPassword); err != nil {
			t.Fatal(err)
		}
		return u
	}
	s.owner, s.lead, s.organ = user("lihongmei", jingzi.RoleParticipant), user("zhangwei", jingzi.RoleParticipant), user("dangban", jingzi.RoleOrganizer)
	fw, _ := jingzi.BuiltinFramework("2021")
	m := &jingzi.Meeting{OrgID: org.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: "2021年度民主生活会", Framework: fw,
		Participants: []*jingzi.Participant{{Name: "李红梅", UserID: s.owner.ID}, {Name: "张伟", UserID: s.lead.ID}}}
	if err := sqldb.NewMeetingService(s.db).CreateMeeting(sys, m); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
	s.ledger = sqldb.NewLedgerService(s.db, nil)
	s.item = &jingzi.LedgerItem{MeetingID: m.ID, Problem: "调查研究不够深入", OwnerUserID: s.owner.ID, LeadID: m.Participants[1].ID,
		DeadlineKind: jingzi.DeadlineDated, Due: &due}
	if err := s.ledger.CreateLedgerItem(sys, s.item); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *overdueSite) told(t *testing.T, u *jingzi.User) int {
	t.Helper()
	ctx := jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{User: u})
	list, _, err := sqldb.NewNotificationService(s.db).FindNotifications(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range list {
		if x.Kind == "ledger.overdue" {
			n++
		}
	}
	return n
}

func (s *overdueSite) colour(t *testing.T) jingzi.Colour {
	t.Helper()
	it, err := s.ledger.FindLedgerItemByID(jingzi.SystemContext(context.Background(), "测试"), s.item.ID)
	if err != nil {
		t.Fatal(err)
	}
	return it.Colour(s.clock.Now())
}

// The clock moves past the item's date: the next daily run flags it red and
// tells the 责任人, the 牵头领导 and the organiser, once; later runs do not repeat it.
func TestOverdueJobFlagsOnce(t *testing.T) {
	s := newOverdueSite(t)
	job := &overdueJob{ledger: s.ledger, now: s.clock.Now, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()
	steps := []struct {
		at      time.Time
		flagged int
		colour  jingzi.Colour
	}{
		{time.Date(2022, 1, 20, 8, 0, 0, 0, time.UTC), 0, jingzi.Yellow}, // the last day: not late yet
		{time.Date(2022, 1, 21, 8, 0, 0, 0, time.UTC), 1, jingzi.Red},
		{time.Date(2022, 1, 21, 15, 0, 0, 0, time.UTC), 0, jingzi.Red}, // same day: the job does not run again
		{time.Date(2022, 1, 22, 8, 0, 0, 0, time.UTC), 0, jingzi.Red},  // next day: already flagged
	}
	for _, st := range steps {
		s.clock.Set(st.at)
		n, err := job.run(ctx)
		if err != nil || n != st.flagged || s.colour(t) != st.colour {
			t.Errorf("%s: flagged %d (%v), colour %s; want %d, %s", st.at.Format(time.DateTime), n, err, s.colour(t), st.flagged, st.colour)
		}
	}
	for _, u := range []*jingzi.User{s.owner, s.lead, s.organ} {
		if n := s.told(t, u); n != 1 {
			t.Errorf("%s told %d times, want once", u.Login, n)
		}
	}
}

// The loop runs at start and on each tick, and stops with the server.
func TestOverdueJobLoop(t *testing.T) {
	s := newOverdueSite(t)
	s.clock.Set(time.Date(2022, 1, 25, 8, 0, 0, 0, time.UTC))
	job := &overdueJob{ledger: s.ledger, now: s.clock.Now, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	tick, done := make(chan time.Time), make(chan struct{})
	go job.loop(ctx, tick, done)
	tick <- time.Time{} // received only after the first run finished
	tick <- time.Time{}
	cancel()
	<-done
	if n := s.told(t, s.owner); n != 1 || s.colour(t) != jingzi.Red {
		t.Errorf("after three runs: told %d times, colour %s", n, s.colour(t))
	}
}
