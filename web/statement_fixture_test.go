package web

import (
	"context"
	"encoding/json"
	"strings"

	"jingzi"
	"jingzi/mock"
)

// statementStore is the fixture's in-memory statement, document and framework
// services: they check permissions and versions the way the real ones promise.
type statementStore struct {
	stmt  *mock.StatementService
	doc   *mock.DocumentService
	frame *mock.FrameworkService

	statements []*jingzi.Statement // current versions
	versions   map[int64][]storedVersion
	created    []savedStatement
	saved      []savedStatement
	frameworks []*jingzi.Framework
}

type storedVersion struct {
	meta *jingzi.StatementVersion
	body *jingzi.Statement
}

// savedStatement is one CreateStatement or SaveStatement call as the service saw it.
type savedStatement struct {
	st          *jingzi.Statement
	note        string
	fromVersion int
}

// cloneStatement deep-copies a statement, as a store would on read and write.
func cloneStatement(s *jingzi.Statement) *jingzi.Statement {
	data, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	c := &jingzi.Statement{}
	if err := json.Unmarshal(data, c); err != nil {
		panic(err)
	}
	c.ID, c.MeetingID, c.ParticipantID, c.Version, c.UpdatedAt, c.OwnerName = s.ID, s.MeetingID, s.ParticipantID, s.Version, s.UpdatedAt, s.OwnerName
	c.State, c.Desk = s.State, s.Desk
	return c
}

// wireStatements adds a participant with an account (李副局长, login "li"), the
// team's statement in two versions, and the frameworks.
func (f *fixture) wireStatements() {
	li := &jingzi.User{ID: 17, Login: "li", Name: "李副局长", Title: "副局长", OrgID: 2, OrgName: "市民政局党委",
		Grants: []jingzi.Grant{grant(jingzi.RoleParticipant, f.orgs[1])}}
	f.users["li"] = li
	f.meeting.Participants[1].UserID = li.ID
	st := &statementStore{stmt: &mock.StatementService{}, doc: &mock.DocumentService{}, frame: &mock.FrameworkService{},
		versions: map[int64][]storedVersion{}}
	f.store = st
	f.wireStatementService()
	f.wireDocumentService()
	f.wireFrameworkService()

	team := jingzi.NewStatementFromFramework(f.meeting.Framework, statementTitle(f.meeting, nil))
	team.MeetingID = f.meeting.ID
	team.Parts[0].Sections[0].Items = []*jingzi.Item{{Heading: "理论学习不系统。", Body: "学习还不够深入。",
		Examples: []string{"比如学习笔记摘抄多、思考少。"}}}
	team.Parts[2].Items = []*jingzi.Item{{Heading: "强化理论武装。", Body: "全年撰写心得体会不少于XX篇。",
		Targets: []jingzi.Target{{Text: "全年撰写心得体会不少于XX篇", Unit: "篇", Period: "全年"}}}}
	sys := jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{System: "fixture"})
	if err := st.stmt.CreateStatement(sys, team, "按框架新建"); err != nil {
		panic(err)
	}
	team.Parts[0].Sections[0].Items[0].Heading = "理论学习不系统不深入。"
	if err := st.stmt.SaveStatement(sys, team, "编辑材料"); err != nil {
		panic(err)
	}
	st.created, st.saved = nil, nil
}

// submitStatement puts a stored statement at the superior's reviewer's desk:
// reviewers see statements only once submitted.
func (f *fixture) submitStatement(id int64) {
	for _, s := range f.store.statements {
		if s.ID == id {
			s.State, s.Desk = jingzi.StateSubmitted, jingzi.DeskReviewer
		}
	}
}

func (f *fixture) wireStatementService() {
	st := f.store
	find := func(id int64) *jingzi.Statement {
		for _, s := range st.statements {
			if s.ID == id {
				return s
			}
		}
		return nil
	}
	st.stmt.FindStatementByIDFn = func(ctx context.Context, id int64) (*jingzi.Statement, error) {
		if s := find(id); s != nil && jingzi.CanViewStatement(ctx, f.meeting, s) {
			return cloneStatement(s), nil
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "对照检查材料不存在。")
	}
	st.stmt.FindStatementsFn = func(ctx context.Context, filter jingzi.StatementFilter) ([]*jingzi.Statement, int, error) {
		var out []*jingzi.Statement
		for _, s := range st.statements {
			if (filter.ParticipantID == nil || *filter.ParticipantID == s.ParticipantID) && jingzi.CanViewStatement(ctx, f.meeting, s) {
				out = append(out, cloneStatement(s))
			}
		}
		return out, len(out), nil
	}
	st.stmt.CreateStatementFn = func(ctx context.Context, s *jingzi.Statement, note string) error {
		if err := s.Validate(); err != nil {
			return err
		} else if !jingzi.CanCreateStatement(ctx, f.meeting, s) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "无权新建。")
		}
		for _, o := range st.statements {
			if o.ParticipantID == s.ParticipantID {
				return jingzi.Errorf(jingzi.ECONFLICT, "该成员已有对照检查材料。")
			}
		}
		s.ID, s.Version, s.UpdatedAt = int64(len(st.statements)+1), 1, f.s.Now()
		st.created = append(st.created, savedStatement{cloneStatement(s), note, 0})
		st.store(ctx, s, note)
		return nil
	}
	st.stmt.SaveStatementFn = func(ctx context.Context, s *jingzi.Statement, note string) error {
		cur := find(s.ID)
		if cur == nil {
			return jingzi.Errorf(jingzi.ENOTFOUND, "对照检查材料不存在。")
		} else if !jingzi.CanEditStatement(ctx, f.meeting, cur) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "无权修改。")
		} else if s.Version != cur.Version {
			return jingzi.Errorf(jingzi.ECONFLICT, "材料已被他人修改。")
		} else if err := s.Validate(); err != nil {
			return err
		}
		st.saved = append(st.saved, savedStatement{cloneStatement(s), note, s.Version})
		s.Version, s.UpdatedAt = cur.Version+1, f.s.Now()
		st.store(ctx, s, note)
		return nil
	}
	st.stmt.FindStatementVersionsFn = func(ctx context.Context, id int64) ([]*jingzi.StatementVersion, error) {
		var out []*jingzi.StatementVersion
		for _, v := range st.versions[id] {
			out = append(out, v.meta)
		}
		return out, nil
	}
	st.stmt.FindStatementVersionFn = func(ctx context.Context, id int64, version int) (*jingzi.Statement, error) {
		for _, v := range st.versions[id] {
			if v.meta.Version == version {
				return cloneStatement(v.body), nil
			}
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "没有这个版本。")
	}
}

// store keeps s as the current version and appends it to the history.
func (st *statementStore) store(ctx context.Context, s *jingzi.Statement, note string) {
	c := cloneStatement(s)
	replaced := false
	for i, o := range st.statements {
		if o.ID == s.ID {
			st.statements[i], replaced = c, true
		}
	}
	if !replaced {
		st.statements = append(st.statements, c)
	}
	by := "系统"
	if u := jingzi.UserFromContext(ctx); u != nil {
		by = u.Name
	}
	st.versions[s.ID] = append(st.versions[s.ID], storedVersion{
		meta: &jingzi.StatementVersion{Version: s.Version, SavedAt: s.UpdatedAt, SavedBy: by, Note: note}, body: c})
}

func (f *fixture) wireDocumentService() {
	f.store.doc.ImportStatementFn = func(ctx context.Context, filename string, data []byte, fw *jingzi.Framework) (*jingzi.Statement, *jingzi.ImportReport, error) {
		s := jingzi.NewStatementFromFramework(fw, strings.TrimSpace(string(data)))
		report := &jingzi.ImportReport{Framework: fw.Name, Warnings: []string{"前言中的谈心谈话人次为“XX”，请补填。"}}
		for i, a := range fw.Aspects {
			report.Aspects = append(report.Aspects, jingzi.AspectImport{Section: i, Heading: a.Wording, AspectIndex: i, Wording: a.Wording, Score: 0.9})
		}
		return s, report, nil
	}
	f.store.doc.ExportStatementFn = func(ctx context.Context, s *jingzi.Statement, format string) ([]byte, string, error) {
		types := map[string]string{jingzi.FormatDocx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			jingzi.FormatMarkdown: "text/markdown; charset=utf-8", jingzi.FormatHTML: "text/html; charset=utf-8"}
		return []byte(s.Document().PlainText()), types[format], nil
	}
	f.store.doc.ExportDocumentFn = func(ctx context.Context, d *jingzi.Document, format string) ([]byte, string, error) {
		return []byte(d.PlainText()), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil
	}
}

func (f *fixture) wireFrameworkService() {
	st := f.store
	builtin, err := jingzi.BuiltinFrameworks()
	if err != nil {
		panic(err)
	}
	for i, fw := range builtin {
		fw.ID = int64(i + 1)
		st.frameworks = append(st.frameworks, fw)
	}
	own := builtin[0].Clone()
	own.ID, own.OrgID, own.Builtin, own.Key, own.Name = 11, 2, false, "own", "市民政局党委检视框架"
	st.frameworks = append(st.frameworks, own)
	st.frame.FindFrameworksFn = func(ctx context.Context) ([]*jingzi.Framework, error) { return st.frameworks, nil }
	st.frame.FindFrameworkByIDFn = func(ctx context.Context, id int64) (*jingzi.Framework, error) {
		for _, fw := range st.frameworks {
			if fw.ID == id {
				return fw.Clone(), nil
			}
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "检视框架不存在。")
	}
	st.frame.CreateFrameworkFn = func(ctx context.Context, fw *jingzi.Framework) error {
		if err := fw.Validate(); err != nil {
			return err
		}
		fw.ID, fw.UpdatedAt = int64(100+len(st.frameworks)), f.s.Now()
		st.frameworks = append(st.frameworks, fw.Clone())
		return nil
	}
	st.frame.UpdateFrameworkFn = func(ctx context.Context, id int64, fw *jingzi.Framework) error {
		if err := fw.Validate(); err != nil {
			return err
		}
		for i, o := range st.frameworks {
			if o.ID == id {
				st.frameworks[i] = fw.Clone()
				return nil
			}
		}
		return jingzi.Errorf(jingzi.ENOTFOUND, "检视框架不存在。")
	}
}
