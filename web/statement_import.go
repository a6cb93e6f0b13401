package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"jingzi"
)

// maxUploadBytes is the largest file the import accepts; the request may carry a
// little more for the form around it.
const maxUploadBytes = 20 << 20

// tooLargeUpload is the message for a file over the limit.
var tooLargeUpload = fmt.Sprintf("上传的文件超过%d MB，系统未作任何修改。请删去文中的图片等内容后重新上传。", maxUploadBytes>>20)

// bodyLimit is the body limit of a request and the message shown when it is
// exceeded: uploads get more room than forms.
func (s *Server) bodyLimit(r *http.Request) (int64, string) {
	if r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/meetings/") &&
		strings.HasSuffix(r.URL.Path, "/statements/import") {
		return maxUploadBytes + 1<<20, tooLargeUpload
	}
	if r.Method == http.MethodPost && r.URL.Path == "/corpus" {
		return maxCorpusUploadBytes + 1<<20, tooLargeCorpusUpload
	}
	if isStudyUpload(r) {
		return maxStudyUploadBytes + 1<<20, tooLargeStudyUpload
	}
	if isEvidenceUpload(r) {
		return maxEvidenceBytes + 1<<20, tooLargeEvidence
	}
	return s.MaxBodyBytes, ""
}

// importExtensions are the file types the import takes; .doc and .wps go to the
// document service, which converts them when it can and otherwise says how.
var importExtensions = map[string]bool{".docx": true, ".txt": true, ".md": true, ".doc": true, ".wps": true}

// importResultPage 导入结果 says how the file was understood.
type importResultPage struct {
	Meeting   *jingzi.Meeting
	Statement *jingzi.Statement
	Filename  string
	Updated   bool // a new version of an existing statement rather than a new one
	Report    *jingzi.ImportReport
	Aspects   []aspectImportRow
}

func (p importResultPage) meeting() *jingzi.Meeting { return p.Meeting }

// aspectImportRow is one problem section and the aspect it was mapped to.
type aspectImportRow struct {
	jingzi.AspectImport
	Number    string // （一）, as the section is numbered in the file
	Certainty string
	Sure      bool
}

// certainty words the recogniser's score for a reader.
func certainty(a jingzi.AspectImport) (string, bool) {
	switch {
	case a.AspectIndex < 0:
		return "未能对应，请手工选择", false
	case a.Score >= 0.8:
		return "把握较大", true
	case a.Score >= 0.5:
		return "基本对应，请核对", false
	}
	return "待确认", false
}

// importStatement 导入 reads an uploaded file into a statement: a new one, or a
// new version of the owner's existing one. Any failure changes nothing.
func (s *Server) importStatement(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	filename, data, owner, err := readUpload(r, m)
	if err == nil {
		var res importResultPage
		if res, err = s.importFile(r, m, owner, filename, data); err == nil {
			s.render(w, r, http.StatusOK, "statement_import", "导入结果 · "+res.Statement.Title, res)
			return
		}
	}
	s.importFailed(w, r, m, err)
}

// readUpload reads the owner and the file of the import form.
func readUpload(r *http.Request, m *jingzi.Meeting) (string, []byte, *jingzi.Participant, error) {
	if err := r.ParseMultipartForm(4 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return "", nil, nil, err
		}
		return "", nil, nil, jingzi.Errorf(jingzi.EINVALID, "上传的表单无法识别，请重新选择文件上传。")
	}
	defer r.MultipartForm.RemoveAll()
	owner, err := rosterOwner(r, m, "owner")
	if err != nil {
		return "", nil, nil, err
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return "", nil, nil, jingzi.Errorf(jingzi.EINVALID, "请选择要导入的文件。")
	}
	defer file.Close()
	name := path.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	if !importExtensions[strings.ToLower(path.Ext(name))] {
		return "", nil, nil, jingzi.Errorf(jingzi.EINVALID, "仅支持导入 .docx、.txt、.md 格式的文件，“%s”不是这几种格式。", name)
	}
	if header.Size > maxUploadBytes {
		return "", nil, nil, &http.MaxBytesError{Limit: maxUploadBytes}
	}
	data, err := io.ReadAll(io.LimitReader(file, maxUploadBytes+1))
	if err != nil {
		return "", nil, nil, fmt.Errorf("read upload: %w", err)
	} else if len(data) > maxUploadBytes {
		return "", nil, nil, &http.MaxBytesError{Limit: maxUploadBytes}
	} else if len(data) == 0 {
		return "", nil, nil, jingzi.Errorf(jingzi.EINVALID, "上传的文件“%s”是空文件。", name)
	}
	return name, data, owner, nil
}

// importFile turns the file into the owner's statement and stores it.
func (s *Server) importFile(r *http.Request, m *jingzi.Meeting, owner *jingzi.Participant, filename string, data []byte) (importResultPage, error) {
	res := importResultPage{Meeting: m, Filename: filename}
	probe := &jingzi.Statement{MeetingID: m.ID}
	if owner != nil {
		probe.ParticipantID, probe.OwnerName = owner.ID, owner.Name
	}
	if !jingzi.CanCreateStatement(r.Context(), m, probe) {
		return res, jingzi.Errorf(jingzi.EFORBIDDEN, "您不能为%s导入对照检查材料。", probe.OwnerLabel())
	}
	existing, _, err := s.StatementService.FindStatements(r.Context(),
		jingzi.StatementFilter{MeetingID: &m.ID, ParticipantID: &probe.ParticipantID})
	if err != nil {
		return res, err
	} else if len(existing) > 0 && !jingzi.CanEditStatement(r.Context(), m, existing[0]) {
		return res, jingzi.Errorf(jingzi.EFORBIDDEN, "%s已有对照检查材料，只有材料本人可以导入新版本。", probe.OwnerLabel())
	}
	st, report, err := s.DocumentService.ImportStatement(r.Context(), filename, data, m.Framework)
	if err != nil {
		return res, err
	}
	st.MeetingID, st.ParticipantID, st.OwnerName = m.ID, probe.ParticipantID, probe.OwnerName
	if st.Year == 0 {
		st.Year = m.Year
	}
	if strings.TrimSpace(st.Title) == "" {
		st.Title = statementTitle(m, owner)
	}
	note := "导入自 " + filename
	if len(existing) > 0 {
		st.ID, st.Version, res.Updated = existing[0].ID, existing[0].Version, true
		err = s.StatementService.SaveStatement(r.Context(), st, note)
	} else {
		err = s.StatementService.CreateStatement(r.Context(), st, note)
	}
	if err != nil {
		return res, err
	}
	res.Statement, res.Report = st, report
	if report != nil {
		for _, a := range report.Aspects {
			label, sure := certainty(a)
			res.Aspects = append(res.Aspects, aspectImportRow{AspectImport: a, Certainty: label, Sure: sure,
				Number: "（" + jingzi.ChineseNumeral(a.Section+1) + "）"})
		}
	}
	return res, nil
}

// importFailed shows the statements page again with the reason; an oversize file
// gets 413 with its own message, anything unexpected the error page.
func (s *Server) importFailed(w http.ResponseWriter, r *http.Request, m *jingzi.Meeting, err error) {
	status, msg := statusOf(err), jingzi.ErrorMessage(err)
	switch {
	case status == http.StatusRequestEntityTooLarge:
		msg = tooLargeUpload
	case status == http.StatusInternalServerError:
		s.error(w, r, err)
		return
	}
	p, lerr := s.statementRows(r, m)
	if lerr != nil {
		s.renderStatus(w, r, status, msg)
		return
	}
	p.ImportError = msg
	s.render(w, r, status, "statements", "对照检查 · "+m.Title, p)
}
