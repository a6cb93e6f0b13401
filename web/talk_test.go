package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/mock"
)

// talkStore is the fixture's in-memory talk service; it checks permissions and
// builds the matrix the way the real one promises.
type talkStore struct {
	svc    *mock.TalkService
	talks  []*jingzi.Talk
	nextID int64
}

// wireTalks adds the talk service with one talk: 张书记 and 李副局长 on
// 2022-12-05, recorded by the organiser.
func (f *fixture) wireTalks() {
	st := &talkStore{svc: &mock.TalkService{}}
	f.talks = st
	editable := func(ctx context.Context, id int64) (int, error) {
		for i, t := range st.talks {
			if t.ID == id && !jingzi.CanViewTalk(ctx, f.meeting, t) {
				break
			} else if t.ID == id && !jingzi.CanEditTalk(ctx, f.meeting, t) {
				return 0, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者或登记该谈话的班子成员本人可以修改、删除这条记录。")
			} else if t.ID == id {
				return i, nil
			}
		}
		return 0, jingzi.Errorf(jingzi.ENOTFOUND, "谈心谈话记录不存在或您无权查看。")
	}
	st.svc.FindTalkByIDFn = func(ctx context.Context, id int64) (*jingzi.Talk, error) {
		for _, t := range st.talks {
			if t.ID == id && jingzi.CanViewTalk(ctx, f.meeting, t) {
				return t, nil
			}
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "谈心谈话记录不存在或您无权查看。")
	}
	st.svc.FindTalksFn = func(ctx context.Context, filter jingzi.TalkFilter) ([]*jingzi.Talk, int, error) {
		var out []*jingzi.Talk
		for _, t := range st.talks {
			if jingzi.CanViewTalk(ctx, f.meeting, t) {
				out = append(out, t)
			}
		}
		return out, len(out), nil
	}
	st.svc.RecordTalkFn = func(ctx context.Context, t *jingzi.Talk) error {
		if err := t.Validate(f.meeting); err != nil {
			return err
		} else if !jingzi.CanRecordTalk(ctx, f.meeting, t) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "班子成员只能登记本人参加的谈心谈话。")
		}
		a := jingzi.ActorFromContext(ctx)
		st.nextID++
		t.ID, t.RecordedBy, t.RecordedByName = st.nextID, a.UserID(), a.Name()
		st.talks = append(st.talks, t)
		return nil
	}
	st.svc.UpdateTalkFn = func(ctx context.Context, t *jingzi.Talk) error {
		i, err := editable(ctx, t.ID)
		if err != nil {
			return err
		} else if err := t.Validate(f.meeting); err != nil {
			return err
		}
		t.RecordedBy, t.RecordedByName = st.talks[i].RecordedBy, st.talks[i].RecordedByName
		st.talks[i] = t
		return nil
	}
	st.svc.DeleteTalkFn = func(ctx context.Context, id int64) error {
		i, err := editable(ctx, id)
		if err == nil {
			st.talks = append(st.talks[:i], st.talks[i+1:]...)
		}
		return err
	}
	st.svc.TalkMatrixFn = func(ctx context.Context, meetingID int64) (*jingzi.TalkMatrix, error) {
		x := jingzi.BuildTalkMatrix(f.meeting, st.talks)
		if jingzi.HasRoleOver(ctx, jingzi.RoleOrganizer, f.meeting.OrgPath) || jingzi.HasRoleOver(ctx, jingzi.RoleReviewer, f.meeting.OrgPath) {
			return x, nil
		}
		var me int64
		if p := jingzi.RosterEntry(ctx, f.meeting); p != nil {
			me = p.ID
		}
		return x.Only(me, st.talks), nil
	}
	st.svc.CountTalksByParticipantFn = func(ctx context.Context, meetingID int64) (map[int64]int, error) {
		return jingzi.PersonTimesByParticipant(st.talks), nil
	}
	sys := jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{User: f.users["organizer"]})
	first := &jingzi.Talk{MeetingID: 7, Date: time.Date(2022, 12, 5, 0, 0, 0, 0, time.UTC), Topics: "交流思想",
		A: jingzi.TalkSide{ParticipantID: 1}, B: jingzi.TalkSide{ParticipantID: 2}}
	first.SetOpinions("希望多关心年轻干部", "")
	if err := st.svc.RecordTalk(sys, first); err != nil {
		panic(err)
	}
}

func assertContains(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func assertLacks(t *testing.T, body string, not ...string) {
	t.Helper()
	for _, w := range not {
		if strings.Contains(body, w) {
			t.Errorf("page shows %q", w)
		}
	}
}

// The matrix shows each required pair done (with the date) or missing, the
// missing count in the heading and the 人次.
func TestTalkMatrixPage(t *testing.T) {
	f := newFixture(t)
	rec := f.get("/meetings/7/talks", f.session(t, "organizer"))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	assertContains(t, rec.Body.String(),
		`<span id="talks-missing" class="missing-count">4 对必谈尚未谈话</span>`,
		`id="pairs-required">5<`, `id="pairs-done">1<`, `id="talks-person-times">2<`,
		`<td id="pair-1-2" class="pair done"><a href="/talks/1" title="2022年12月5日">已谈（12月5日）</a></td>`,
		`<td id="pair-2-1" class="pair done">`, `<td id="pair-1-1" class="self">`,
		`<li id="pair-2-dept-0" class="pair missing">社会救助科：未谈`, `<li id="pair-2-dept-1" class="pair missing">养老服务科：未谈`,
		`<td id="pair-1-branch" class="pair missing">未谈`,
		`href="/meetings/7/talks?a=2&amp;b_kind=dept_head&amp;b_department=%E7%A4%BE`,
		`<small id="person-times-2" class="person-times">谈话1人次</small>`, "两名班子成员之间谈话计2人次", `<tr id="talk-1">`, `action="/meetings/7/talks"`)
}

// Recording a talk with a department head fills that department's cell and
// adds one 人次; a refused form comes back with the message and the text typed.
func TestRecordTalk(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	form := url.Values{"date": {"2022-12-06"}, "a": {"2"}, "b": {"0"}, "b_kind": {"dept_head"}, "b_name": {"陈明"},
		"topics": {"听取科室意见"}, "opinions_to_a": {"下基层调研次数偏少\n对科室指导不够具体"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	rec := f.post("/meetings/7/talks", tok, bad)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("department head without a department: %d", rec.Code)
	}
	assertContains(t, rec.Body.String(), "谈话对象为分管部门负责人的，请填写所在部门。", "听取科室意见", "对科室指导不够具体")

	form.Set("b_department", "养老服务科")
	rec = f.post("/meetings/7/talks", tok, form)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/meetings/7/talks" {
		t.Fatalf("record: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if got := f.talks.talks[1]; got.B.Department != "养老服务科" || len(got.Opinions) != 2 || got.Opinions[1].Toward != jingzi.TowardA {
		t.Errorf("stored %+v", got)
	}
	body := f.get("/meetings/7/talks", tok).Body.String()
	assertContains(t, body, `<li id="pair-2-dept-1" class="pair done">养老服务科：<a href="/talks/2" title="2022年12月6日">已谈（12月6日）</a>`,
		"3 对必谈尚未谈话", `id="talks-person-times">3<`, `<small id="person-times-2" class="person-times">谈话2人次</small>`, "养老服务科 陈明（分管部门负责人）")
}

// A participant sees their own row and talks, records their own talks only, and
// cannot change a talk the organiser recorded; a reviewer sees all and records none.
func TestTalkPermissionsOnPages(t *testing.T) {
	f := newFixture(t)
	li := f.session(t, "li")
	body := f.get("/meetings/7/talks", li).Body.String()
	assertContains(t, body, `<td id="pair-2-1" class="pair done">`, `id="pair-2-branch"`, `id="record"`,
		`<select name="a" required><option value="2" selected>李副局长</option></select>`)
	assertLacks(t, body, `id="pair-1-branch"`, `<option value="1" selected>`)

	rec := f.post("/meetings/7/talks", li, url.Values{"date": {"2022-12-07"}, "a": {"1"}, "b": {"0"}, "b_kind": {"branch_rep"}, "b_name": {"周代表"}})
	if rec.Code != http.StatusForbidden {
		t.Errorf("李副局长 records a talk of 张书记: %d", rec.Code)
	}
	rec = f.post("/meetings/7/talks", li, url.Values{"date": {"2022/12/7"}, "a": {"2"}, "b": {"0"}, "b_kind": {"branch_rep"}, "b_name": {"周代表"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("李副局长 records his own talk: %d %s", rec.Code, rec.Body.String())
	}
	assertContains(t, f.get("/meetings/7/talks", li).Body.String(), `<td id="pair-2-branch" class="pair done">`)

	view := f.get("/talks/1", li).Body.String()
	assertContains(t, view, "张书记、李副局长", "向张书记：希望多关心年轻干部")
	assertLacks(t, view, `action="/talks/1"`, `action="/talks/1/delete"`)
	if rec := f.post("/talks/1/delete", li, nil); rec.Code != http.StatusForbidden {
		t.Errorf("李副局长 deletes the organiser's record: %d", rec.Code)
	}

	review := f.get("/meetings/7/talks", f.session(t, "reviewer")).Body.String()
	assertContains(t, review, `id="pair-1-branch"`, `id="pair-2-branch"`)
	assertLacks(t, review, `id="record"`, `action="/meetings/7/talks"`)
}

// The organiser edits a talk (the form shows what was stored) and deletes it;
// the cell goes back to missing.
func TestEditAndDeleteTalk(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	body := f.get("/talks/1", tok).Body.String()
	assertContains(t, body, `value="2022-12-05"`, `<option value="2" selected>李副局长</option>`, "希望多关心年轻干部</textarea>",
		`action="/talks/1"`, `action="/talks/1/delete"`)
	form := url.Values{"date": {"2022-12-08"}, "a": {"1"}, "b": {"2"}, "topics": {"交流思想"}}
	if rec := f.post("/talks/1", tok, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("update: %d", rec.Code)
	}
	assertContains(t, f.get("/meetings/7/talks", tok).Body.String(), `已谈（12月8日）`)
	form.Set("date", "明天")
	if rec := f.post("/talks/1", tok, form); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "谈话日期应按“年-月-日”填写") {
		t.Errorf("bad date: %d", rec.Code)
	}
	if rec := f.post("/talks/1/delete", tok, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("delete: %d", rec.Code)
	}
	assertContains(t, f.get("/meetings/7/talks", tok).Body.String(), `<td id="pair-1-2" class="pair missing">未谈`, "5 对必谈尚未谈话")
	if rec := f.get("/talks/1", tok); rec.Code != http.StatusNotFound {
		t.Errorf("deleted talk: %d", rec.Code)
	}
}
