package web

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"jingzi"
)

// statementListPage 对照检查 is the statements phase of a meeting: the team's
// statement and one row per roster participant, as far as the caller may see them.
type statementListPage struct {
	Meeting   *jingzi.Meeting
	Rows      []statementRow
	Importers []statementRow // owners the caller may import a file for
	MaxUpload int            // MB
	// ImportError is why the last upload was refused; nothing was changed.
	ImportError string
}

func (p statementListPage) meeting() *jingzi.Meeting { return p.Meeting }

// statementRow is one owner's line: their statement, if any, and what the caller may do.
type statementRow struct {
	ParticipantID int64
	Owner         string
	Title         string // 职务
	Statement     *jingzi.Statement
	SavedBy       string
	CanCreate     bool
	CanEdit       bool       // the caller may edit the existing statement
	Check         *checkView // the grade and score of the statement, nil when there is none
}

// Label names the owner in the import select.
func (r statementRow) Label() string {
	if r.ParticipantID == 0 {
		return "领导班子（班子对照检查材料）"
	}
	return r.Owner + "（" + r.Title + "）"
}

func (s *Server) statementList(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p, err := s.statementRows(r, m)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "statements", "对照检查 · "+m.Title, p)
}

// statementRows lists the team and every participant the caller may see, with
// their statements and who saved each last.
func (s *Server) statementRows(r *http.Request, m *jingzi.Meeting) (statementListPage, error) {
	p := statementListPage{Meeting: m, MaxUpload: maxUploadBytes >> 20}
	list, _, err := s.StatementService.FindStatements(r.Context(), jingzi.StatementFilter{MeetingID: &m.ID})
	if err != nil {
		return p, err
	}
	byOwner := map[int64]*jingzi.Statement{}
	for _, st := range list {
		byOwner[st.ParticipantID] = st
	}
	rows := []statementRow{{Owner: "领导班子"}}
	for _, pt := range m.Participants {
		rows = append(rows, statementRow{ParticipantID: pt.ID, Owner: pt.Name, Title: pt.Title})
	}
	ctx := r.Context()
	for _, row := range rows {
		probe := &jingzi.Statement{MeetingID: m.ID, ParticipantID: row.ParticipantID}
		row.Statement = byOwner[row.ParticipantID]
		if row.Statement == nil && !jingzi.CanViewStatement(ctx, m, probe) {
			continue
		}
		row.CanCreate = jingzi.CanCreateStatement(ctx, m, probe)
		row.CanEdit = row.Statement != nil && jingzi.CanEditStatement(ctx, m, row.Statement)
		if row.Statement != nil {
			row.SavedBy = s.lastSavedBy(r, row.Statement)
			row.Check = s.checkStatement(r, row.Statement)
		}
		p.Rows = append(p.Rows, row)
		if row.CanCreate {
			p.Importers = append(p.Importers, row)
		}
	}
	return p, nil
}

// lastSavedBy names who saved the current version. Statement carries no
// UpdatedBy, so the version list is asked; a failure only leaves the name out.
func (s *Server) lastSavedBy(r *http.Request, st *jingzi.Statement) string {
	versions, err := s.StatementService.FindStatementVersions(r.Context(), st.ID)
	if err != nil {
		s.Logger.Warn("load statement versions", "statement", st.ID, "err", err)
		return ""
	}
	for _, v := range versions {
		if v.Version == st.Version {
			return v.SavedBy
		}
	}
	return ""
}

// createStatement 按框架新建 starts an owner's statement from the meeting's framework.
func (s *Server) createStatement(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	owner, err := rosterOwner(r, m, "participant_id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if m.Framework == nil {
		s.error(w, r, jingzi.Errorf(jingzi.EINVALID, "该会议尚未选择检视框架，请先在筹备环节选择。"))
		return
	}
	st := jingzi.NewStatementFromFramework(m.Framework, statementTitle(m, owner))
	st.MeetingID = m.ID
	if owner != nil {
		st.ParticipantID, st.OwnerName = owner.ID, owner.Name
	}
	s.prependCarryOver(r, st)
	if !jingzi.CanCreateStatement(r.Context(), m, st) {
		s.error(w, r, jingzi.Errorf(jingzi.EFORBIDDEN, "您不能为%s新建对照检查材料。", st.OwnerLabel()))
		return
	}
	if err := s.StatementService.CreateStatement(r.Context(), st, "按框架新建"); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, statementHref(st.ID), "已按检视框架新建“"+st.Title+"”，请逐项填写。")
}

// prependCarryOver opens a new statement with 上年度整改措施落实情况 when the
// team's previous meeting has a ledger: the team's statement reports every
// problem, a member's those they led. A failure only leaves the part out.
func (s *Server) prependCarryOver(r *http.Request, st *jingzi.Statement) {
	if s.LedgerService == nil {
		return
	}
	prev, items, err := s.LedgerService.FindCarriedOver(r.Context(), st.MeetingID)
	if err != nil {
		s.Logger.Warn("carried-over ledger", "meeting", st.MeetingID, "err", err)
		return
	}
	if part := jingzi.CarryOverPart(prev, items, st.ParticipantID); part != nil {
		st.Parts = append([]*jingzi.Part{part}, st.Parts...)
	}
}

// rosterOwner reads the owner field: 0 is the team (nil), any other id must be on
// the meeting's roster.
func rosterOwner(r *http.Request, m *jingzi.Meeting, key string) (*jingzi.Participant, error) {
	id, err := formID(r, key)
	if err != nil || id == 0 {
		return nil, err
	}
	for _, p := range m.Participants {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, jingzi.Errorf(jingzi.EINVALID, "所选班子成员不在本次会议名单中，请刷新页面后重新选择。")
}

// statementTitle is the customary title: "王建国同志2021年度专题民主生活会对照检查材料",
// or for the team "市民政局党委领导班子2021年度专题民主生活会对照检查材料".
func statementTitle(m *jingzi.Meeting, owner *jingzi.Participant) string {
	who := m.OrgName + "领导班子"
	if owner != nil {
		who = owner.Name + "同志"
	}
	kind := "专题民主生活会"
	if m.Kind == jingzi.KindBranch {
		kind = "组织生活会"
	}
	return fmt.Sprintf("%s%d年度%s对照检查材料", who, m.Year, kind)
}

func statementHref(id int64) string { return "/statements/" + strconv.FormatInt(id, 10) }

// findStatement loads the statement of the route and its meeting.
func (s *Server) findStatement(r *http.Request) (*jingzi.Statement, *jingzi.Meeting, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	st, err := s.StatementService.FindStatementByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.MeetingService.FindMeetingByID(r.Context(), st.MeetingID)
	if err != nil {
		return nil, nil, err
	}
	if !jingzi.CanViewStatement(r.Context(), m, st) {
		return nil, nil, jingzi.Errorf(jingzi.ENOTFOUND, "对照检查材料不存在，或您无权查看。")
	}
	s.applyRecordCounts(r, st)
	return st, m, nil
}

// applyRecordCounts fills the preface numbers the records know (谈心谈话人次,
// 征求意见条数 …); a failure leaves the numbers as entered and is logged.
func (s *Server) applyRecordCounts(r *http.Request, st *jingzi.Statement) {
	if s.CountService == nil {
		return
	}
	rc, err := s.CountService.StatementCounts(r.Context(), st)
	if err != nil {
		s.Logger.Warn("statement counts", "statement", st.ID, "err", err)
		return
	}
	st.ApplyRecordCounts(rc)
}

// exportFormats are the downloads a statement offers, by file extension.
var exportFormats = []string{jingzi.FormatDocx, jingzi.FormatMarkdown, jingzi.FormatHTML}

// exportStatement 下载 writes the statement as .docx or .md for download, or the
// HTML print view inline.
func (s *Server) exportStatement(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st, _, err := s.findStatement(r)
		if err != nil {
			s.error(w, r, err)
			return
		}
		data, contentType, err := s.DocumentService.ExportStatement(r.Context(), st, format)
		if err != nil {
			s.error(w, r, err)
			return
		}
		disposition := "attachment"
		if format == jingzi.FormatHTML {
			disposition = "inline"
			w.Header().Set("Content-Security-Policy", printViewPolicy(data))
		}
		sendFile(w, disposition, st.Title+"."+format, contentType, data)
	}
}

// sendFile answers with a generated file: never cached, named in UTF-8.
func sendFile(w http.ResponseWriter, disposition, name, contentType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", contentDisposition(disposition, name))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// contentDisposition names the file in UTF-8 (RFC 5987 filename*), with a plain
// ASCII fallback for old clients.
func contentDisposition(kind, name string) string {
	fallback := "statement"
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		fallback += name[i:]
	}
	return kind + `; filename="` + fallback + `"; filename*=UTF-8''` + rfc5987Escape(name)
}

// printStylePattern finds the print view's own style sheet.
var printStylePattern = regexp.MustCompile(`(?s)<style>(.*?)</style>`)

// printViewPolicy is the Content-Security-Policy of the HTML print view: no
// script at all, and only the document's own style sheets, allowed by their
// hashes, since the site's policy would block the inline style it is printed with.
func printViewPolicy(doc []byte) string {
	policy := "default-src 'none'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; style-src"
	hashes := 0
	for _, m := range printStylePattern.FindAllSubmatch(doc, -1) {
		sum := sha256.Sum256(m[1])
		policy += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		hashes++
	}
	if hashes == 0 {
		policy += " 'none'"
	}
	return policy
}

// rfc5987Escape percent-encodes every byte outside RFC 5987's attr-char set.
func rfc5987Escape(s string) string {
	const attrChar = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attrChar, c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
