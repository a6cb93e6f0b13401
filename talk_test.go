package jingzi_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"jingzi"
)

// talkTeam is a head and three members; 李 and 张 oversee departments, 赵 none.
func talkTeam() *jingzi.Meeting {
	return &jingzi.Meeting{ID: 9, OrgPath: "/1/2/", Participants: []*jingzi.Participant{
		{ID: 1, Name: "王书记", Head: true, Portfolio: []string{"办公室"}, UserID: 101},
		{ID: 2, Name: "李红梅", Portfolio: []string{"社会救助科", "养老服务科", "社会救助科 "}, UserID: 102},
		{ID: 3, Name: "张伟", Portfolio: []string{"财务科"}, UserID: 103},
		{ID: 4, Name: "赵强", UserID: 104},
	}}
}

func describePairs(x *jingzi.TalkMatrix) []string {
	var out []string
	for _, p := range x.Pairs {
		done := "未谈"
		if p.Done() {
			done = "已谈" + p.Date().Format("01-02")
		}
		out = append(out, fmt.Sprintf("%s %s↔%s %s", p.Kind, p.Name, p.Counterpart, done))
	}
	return out
}

func day(d int) time.Time { return time.Date(2022, 1, d, 0, 0, 0, 0, time.UTC) }

func rosterTalk(id int64, d int, a, b int64) *jingzi.Talk {
	return &jingzi.Talk{ID: id, MeetingID: 9, Date: day(d), A: jingzi.TalkSide{ParticipantID: a, Kind: jingzi.PersonParticipant},
		B: jingzi.TalkSide{ParticipantID: b, Kind: jingzi.PersonParticipant}}
}

func outsideTalk(id int64, d int, a int64, kind jingzi.PersonKind, dept string) *jingzi.Talk {
	return &jingzi.Talk{ID: id, MeetingID: 9, Date: day(d), A: jingzi.TalkSide{ParticipantID: a, Kind: jingzi.PersonParticipant},
		B: jingzi.TalkSide{Name: "陈明", Kind: kind, Department: dept}}
}

// The 四必谈 pairs follow from the roster alone.
func TestTalkMatrixPairs(t *testing.T) {
	tests := []struct {
		name   string
		roster []*jingzi.Participant
		want   []string
	}{
		{"head only", talkTeam().Participants[:1], []string{"department 王书记↔办公室负责人 未谈", "branch 王书记↔所在支部党员代表 未谈"}},
		{"head and three members", talkTeam().Participants, []string{
			"head 王书记↔李红梅 未谈", "head 王书记↔张伟 未谈", "head 王书记↔赵强 未谈",
			"members 李红梅↔张伟 未谈", "members 李红梅↔赵强 未谈", "members 张伟↔赵强 未谈",
			"department 王书记↔办公室负责人 未谈", "branch 王书记↔所在支部党员代表 未谈",
			"department 李红梅↔社会救助科负责人 未谈", "department 李红梅↔养老服务科负责人 未谈", "branch 李红梅↔所在支部党员代表 未谈",
			"department 张伟↔财务科负责人 未谈", "branch 张伟↔所在支部党员代表 未谈",
			"branch 赵强↔所在支部党员代表 未谈"}},
		{"no head on the roster", talkTeam().Participants[2:], []string{
			"members 张伟↔赵强 未谈", "department 张伟↔财务科负责人 未谈", "branch 张伟↔所在支部党员代表 未谈", "branch 赵强↔所在支部党员代表 未谈"}},
		{"empty roster", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := jingzi.BuildTalkMatrix(&jingzi.Meeting{ID: 9, Participants: tt.roster}, nil)
			if got := describePairs(x); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("pairs:\n got %q\nwant %q", got, tt.want)
			}
			if x.Required != len(tt.want) || x.Done != 0 || x.Missing() != len(tt.want) {
				t.Errorf("required %d done %d missing %d", x.Required, x.Done, x.Missing())
			}
		})
	}
}

// A talk fills its pair whichever side spoke first; an outside person fills a
// department or branch pair only when the kind and the department match.
func TestTalkMatrixFilling(t *testing.T) {
	tests := []struct {
		name        string
		talks       []*jingzi.Talk
		done        []string // pairs done, as "participant↔counterpart 日期"
		personTimes int
	}{
		{"member to head fills the head's pair", []*jingzi.Talk{rosterTalk(1, 5, 2, 1)}, []string{"王书记↔李红梅 01-05"}, 2},
		{"the first talk dates the pair", []*jingzi.Talk{rosterTalk(2, 9, 3, 4), rosterTalk(1, 6, 4, 3)}, []string{"张伟↔赵强 01-06"}, 4},
		{"department head of an overseen department", []*jingzi.Talk{outsideTalk(1, 7, 2, jingzi.PersonDeptHead, "养老服务科")},
			[]string{"李红梅↔养老服务科负责人 01-07"}, 1},
		{"department head of a department the member does not oversee", []*jingzi.Talk{outsideTalk(1, 7, 3, jingzi.PersonDeptHead, "养老服务科")}, nil, 1},
		{"branch representative", []*jingzi.Talk{outsideTalk(1, 8, 4, jingzi.PersonBranchRep, "")}, []string{"赵强↔所在支部党员代表 01-08"}, 1},
		{"someone else", []*jingzi.Talk{outsideTalk(1, 8, 4, jingzi.PersonOther, "财务科")}, nil, 1},
		{"outside person stored on side A", []*jingzi.Talk{{ID: 1, Date: day(3), A: jingzi.TalkSide{Name: "周代表", Kind: jingzi.PersonBranchRep},
			B: jingzi.TalkSide{ParticipantID: 1, Kind: jingzi.PersonParticipant}}}, []string{"王书记↔所在支部党员代表 01-03"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := jingzi.BuildTalkMatrix(talkTeam(), tt.talks)
			var done []string
			for _, p := range x.Pairs {
				if p.Done() {
					done = append(done, p.Name+"↔"+p.Counterpart+" "+p.Date().Format("01-02"))
				}
			}
			if !reflect.DeepEqual(done, tt.done) {
				t.Errorf("done %q, want %q", done, tt.done)
			}
			if x.Done != len(tt.done) || x.Missing() != 14-len(tt.done) || x.Talks != len(tt.talks) || x.PersonTimes != tt.personTimes {
				t.Errorf("done %d missing %d talks %d 人次 %d, want 人次 %d", x.Done, x.Missing(), x.Talks, x.PersonTimes, tt.personTimes)
			}
		})
	}
}

// 人次 counts each talk once per roster participant; a participant's own view
// counts their own talks and shows their own pairs.
func TestTalkPersonTimes(t *testing.T) {
	talks := []*jingzi.Talk{rosterTalk(1, 5, 1, 2), rosterTalk(2, 6, 2, 3), outsideTalk(3, 7, 2, jingzi.PersonDeptHead, "社会救助科"),
		outsideTalk(4, 8, 4, jingzi.PersonOther, "")}
	x := jingzi.BuildTalkMatrix(talkTeam(), talks)
	if x.PersonTimes != 6 || x.Talks != 4 {
		t.Errorf("人次 %d over %d talks, want 6 over 4", x.PersonTimes, x.Talks)
	}
	if got := *x.Progress(); got != (jingzi.TalkProgress{RequiredPairs: 14, MissingPairs: 11, Talks: 6}) {
		t.Errorf("progress %+v", got)
	}
	by := jingzi.PersonTimesByParticipant(talks)
	if want := map[int64]int{1: 1, 2: 3, 3: 1, 4: 1}; !reflect.DeepEqual(by, want) {
		t.Errorf("by participant %v, want %v", by, want)
	}
	li := x.Only(2, talks)
	// 李红梅: 3 colleagues, 2 departments, 1 branch; done: 王, 张, 社会救助科.
	if li.Required != 6 || li.Done != 3 || li.PersonTimes != 3 || li.Pair(1, 3) != nil {
		t.Errorf("李红梅's view: required %d done %d 人次 %d", li.Required, li.Done, li.PersonTimes)
	}
	if nobody := x.Only(0, talks); nobody.Required != 0 || nobody.PersonTimes != 0 {
		t.Errorf("a caller off the roster sees %d pairs", nobody.Required)
	}
}

func TestTalkValidate(t *testing.T) {
	m := talkTeam()
	tests := []struct {
		name string
		edit func(*jingzi.Talk)
		want string // error message, "" for valid
	}{
		{"valid", func(*jingzi.Talk) {}, ""},
		{"no date", func(t *jingzi.Talk) { t.Date = time.Time{} }, "请填写谈话日期。"},
		{"other meeting", func(t *jingzi.Talk) { t.MeetingID = 8 }, "谈心谈话记录必须属于一次会议。"},
		{"same person", func(t *jingzi.Talk) { t.B = t.A }, "谈话双方不能是同一人。"},
		{"off the roster", func(t *jingzi.Talk) { t.B.ParticipantID = 99 }, "谈话对象不在本次会议的班子成员名单中。"},
		{"two outsiders", func(t *jingzi.Talk) {
			t.A = jingzi.TalkSide{Name: "甲", Kind: jingzi.PersonOther}
			t.B = jingzi.TalkSide{Name: "乙", Kind: jingzi.PersonOther}
		}, "谈话双方至少有一方应为班子成员。"},
		{"outsider without a kind", func(t *jingzi.Talk) { t.B = jingzi.TalkSide{Name: "陈明"} }, "请选择谈话对象：班子成员，或注明名单以外人员的身份。"},
		{"department head without a department", func(t *jingzi.Talk) { t.B = jingzi.TalkSide{Name: "陈明", Kind: jingzi.PersonDeptHead} },
			"谈话对象为分管部门负责人的，请填写所在部门。"},
		{"outsider without a name", func(t *jingzi.Talk) { t.B = jingzi.TalkSide{Kind: jingzi.PersonBranchRep} }, "请填写谈话对象的姓名或所在部门。"},
		{"blank opinion", func(t *jingzi.Talk) { t.Opinions = []*jingzi.TalkOpinion{{Toward: jingzi.TowardA, Text: " "}} }, "意见内容不能为空。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			talk := rosterTalk(0, 5, 1, 2)
			tt.edit(talk)
			if got := jingzi.ErrorMessage(talk.Validate(m)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// An outside person typed as 谈话人 ends on side B, the opinions turning with
// the sides; a roster side takes the roster's name; a 分管部门负责人 without a
// name is named after the department.
func TestTalkValidateNormalises(t *testing.T) {
	talk := &jingzi.Talk{MeetingID: 9, Date: time.Date(2022, 1, 5, 15, 4, 0, 0, time.FixedZone("CST", 8*3600)),
		A: jingzi.TalkSide{Kind: jingzi.PersonDeptHead, Department: " 财务科 "}, B: jingzi.TalkSide{ParticipantID: 3, Name: "假名"}}
	talk.SetOpinions("希望多到科室调研", "建议加强预算管理\n\n 注意干部培养 ")
	if err := talk.Validate(talkTeam()); err != nil {
		t.Fatal(err)
	}
	if talk.A.Name != "张伟" || talk.A.Kind != jingzi.PersonParticipant || talk.B.Name != "财务科负责人" || talk.B.Department != "财务科" {
		t.Errorf("sides: %+v / %+v", talk.A, talk.B)
	}
	if got := talk.OpinionsToward(jingzi.TowardA); got != "建议加强预算管理\n注意干部培养" {
		t.Errorf("opinions toward 张伟: %q", got)
	}
	if got := talk.OpinionsToward(jingzi.TowardB); got != "希望多到科室调研" {
		t.Errorf("opinions toward the department head: %q", got)
	}
	if !talk.Date.Equal(day(5)) {
		t.Errorf("date %v, want the day in UTC", talk.Date)
	}
}

// Organisers and reviewers see every talk; a participant sees their own and
// changes only those they recorded.
func TestTalkPermissions(t *testing.T) {
	m := talkTeam()
	org := &jingzi.Org{ID: 2, Path: "/1/2/"}
	user := func(id int64, role jingzi.Role, path string) context.Context {
		u := &jingzi.User{ID: id, Grants: []jingzi.Grant{{Role: role, OrgID: org.ID, OrgPath: path}}}
		return jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{User: u})
	}
	talk := rosterTalk(1, 5, 1, 2)
	talk.RecordedBy = 102 // 李红梅
	tests := []struct {
		name               string
		ctx                context.Context
		view, record, edit bool
	}{
		{"organiser", user(1, jingzi.RoleOrganizer, "/1/2/"), true, true, true},
		{"reviewer above", user(2, jingzi.RoleReviewer, "/1/"), true, false, false},
		{"recorder", user(102, jingzi.RoleParticipant, "/1/2/"), true, true, true},
		{"other side", user(101, jingzi.RoleParticipant, "/1/2/"), true, true, false},
		{"colleague", user(103, jingzi.RoleParticipant, "/1/2/"), false, false, false},
		{"organiser elsewhere", user(5, jingzi.RoleOrganizer, "/1/4/"), false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jingzi.CanViewTalk(tt.ctx, m, talk); got != tt.view {
				t.Errorf("view %v", got)
			}
			if got := jingzi.CanRecordTalk(tt.ctx, m, talk); got != tt.record {
				t.Errorf("record %v", got)
			}
			if got := jingzi.CanEditTalk(tt.ctx, m, talk); got != tt.edit {
				t.Errorf("edit %v", got)
			}
		})
	}
}
