package main

import (
	"context"
	"strings"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// The checker finds a passage copied from a colleague's statement of the same
// meeting and from a template serving the org, but not from another bureau's
// template; the report carries the meeting's framework.
func TestCheckerCopies(t *testing.T) {
	s := newDemoSite(t)
	ctx := context.Background()
	sys := jingzi.SystemContext(ctx, "测试")
	orgs, statements, meetings := sqldb.NewOrgService(s.db), sqldb.NewStatementService(s.db), sqldb.NewMeetingService(s.db)
	tpl, err := newTemplates(ctx, sqldb.NewCorpusService(s.db), orgs)
	if err != nil {
		t.Fatal(err)
	}
	c := &checker{statements: statements, meetings: meetings, templates: tpl}
	m, _ := meetings.FindMeetingByID(sys, s.ids["meeting:江城市民政局党委"])

	shared := "对分管部门和单位的党建工作仅仅停留在做好规定动作上，停留在做好相关印证资料上，对分管其他部门党建工作过问少、投入精力少"
	fromTemplate := "对新形势下意识形态领域斗争的严峻性、复杂性、隐蔽性认识不到位，认为意识形态工作是软任务，未能贯穿到分管工作的各环节全过程"
	mk := func(p int, body string) *jingzi.Statement {
		st := jingzi.NewStatementFromFramework(m.Framework, m.Participants[p].Name+"同志对照检查材料")
		st.MeetingID, st.ParticipantID = m.ID, m.Participants[p].ID
		st.Parts[0].Sections[1].Items = []*jingzi.Item{{Heading: "抓党建带队伍有欠缺。", Body: body}}
		if err := statements.CreateStatement(sys, st, "测试"); err != nil {
			t.Fatal(err)
		}
		return st
	}
	mk(1, "本人在工作中"+shared+"。")
	mine := mk(2, "比如2021年"+shared+"；同时"+fromTemplate+"。")

	for org, title := range map[string]string{"江城市委组织部": "组织部范文", "江城市人力资源和社会保障局党组": "人社局范文"} {
		d := &jingzi.CorpusDoc{OrgID: s.ids[org], Title: title, Text: "范文正文。在意识形态方面，" + fromTemplate + "。其他内容若干。"}
		if err := tpl.AddCorpusDoc(sys, d); err != nil {
			t.Fatal(err)
		}
	}
	r, err := c.CheckStatement(sys, mine.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, f := range r.Findings {
		if f.Rule == "simcheck.copy" {
			sources = append(sources, f.Message)
		}
	}
	all := strings.Join(sources, "\n")
	if !strings.Contains(all, "李红梅同志的材料") || !strings.Contains(all, "模板《组织部范文》") {
		t.Errorf("copy findings:\n%s", all)
	}
	if strings.Contains(all, "人社局范文") {
		t.Errorf("a template of another bureau was used:\n%s", all)
	}
	// A template added later is found without a restart; a deleted one no longer.
	list, _, _ := tpl.FindCorpusDocs(sys, jingzi.CorpusFilter{})
	for _, d := range list {
		if err := tpl.DeleteCorpusDoc(sys, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	r, _ = c.CheckStatement(sys, mine.ID)
	for _, f := range r.Findings {
		if strings.Contains(f.Message, "组织部范文") {
			t.Errorf("deleted template still reported: %s", f.Message)
		}
	}
	// A participant of another team cannot have it checked.
	if _, err := c.CheckStatement(jingzi.NewContextWithActor(ctx, &jingzi.Actor{User: &jingzi.User{ID: 999}}), mine.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
		t.Errorf("stranger: %v", err)
	}
}
