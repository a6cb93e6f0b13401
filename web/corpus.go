package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strconv"
	"strings"

	"jingzi"
)

// Limits of the 查重模板 upload: each file as large as an imported statement,
// and the whole request a few of them.
const (
	maxCorpusFiles       = 50
	maxCorpusUploadBytes = 100 << 20
	corpusPageSize       = 100
)

var tooLargeCorpusUpload = fmt.Sprintf("一次上传的文件合计超过%d MB，系统未导入任何文件。请分批上传。", maxCorpusUploadBytes>>20)

// corpusExtensions are the file types a template may come in.
var corpusExtensions = map[string]bool{".docx": true, ".txt": true, ".md": true}

// corpusPage 查重模板 lists the templates the working org's statements are
// compared with (its own and its superiors'), the upload form, and the outcome
// of the last upload file by file.
type corpusPage struct {
	Org        *jingzi.Org
	Docs       []corpusRow
	Total      int
	PrevOffset int
	NextOffset int
	HasPrev    bool
	HasNext    bool
	MaxUpload  int // MB per file
	MaxTotal   int // MB per upload
	MaxFiles   int
	Results    []corpusResult
	Imported   int
	Failed     int
	Error      string
	Disabled   bool // no corpus service is wired
}

// corpusRow is one template in the list.
type corpusRow struct {
	Doc       *jingzi.CorpusDoc
	OrgName   string
	CanDelete bool
}

// corpusResult is what became of one uploaded file: 已导入, or why not.
type corpusResult struct {
	Filename string
	OK       bool
	Message  string
}

// corpusOrg is the working org when the caller organises there; templates are
// uploaded for it and listed as its statements see them.
func (s *Server) corpusOrg(r *http.Request) (*jingzi.Org, error) {
	a := jingzi.ActorFromContext(r.Context())
	if a == nil || a.User == nil || !a.User.Holds(jingzi.RoleOrganizer) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以管理查重模板。")
	}
	org, err := s.OrgService.FindOrgByID(r.Context(), a.OrgID)
	if err != nil && jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
		return nil, err
	}
	if err != nil || !jingzi.CanManageMeeting(r.Context(), org.Path) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "您在当前党组织不是党办组织者。请先在页面顶部切换到您负责组织工作的党组织，再管理查重模板。")
	}
	return org, nil
}

func (s *Server) corpusList(w http.ResponseWriter, r *http.Request) {
	org, err := s.corpusOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	p, err := s.newCorpusPage(r, org, max(offset, 0))
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "corpus", "查重模板", p)
}

// newCorpusPage loads one page of the templates serving org.
func (s *Server) newCorpusPage(r *http.Request, org *jingzi.Org, offset int) (*corpusPage, error) {
	p := &corpusPage{Org: org, MaxUpload: maxUploadBytes >> 20, MaxTotal: maxCorpusUploadBytes >> 20, MaxFiles: maxCorpusFiles}
	if s.CorpusService == nil {
		p.Disabled = true
		return p, nil
	}
	docs, total, err := s.CorpusService.FindCorpusDocs(r.Context(),
		jingzi.CorpusFilter{ForOrg: &org.ID, Offset: offset, Limit: corpusPageSize})
	if err != nil {
		return nil, err
	}
	p.Total = total
	p.HasPrev, p.PrevOffset = offset > 0, max(offset-corpusPageSize, 0)
	p.HasNext, p.NextOffset = offset+len(docs) < total, offset+corpusPageSize
	orgs := s.visibleOrgs(r)
	for _, d := range docs {
		row := corpusRow{Doc: d, OrgName: "上级党组织"}
		if o := orgs[d.OrgID]; o != nil {
			row.OrgName, row.CanDelete = o.Name, jingzi.CanManageMeeting(r.Context(), o.Path)
		}
		p.Docs = append(p.Docs, row)
	}
	return p, nil
}

// visibleOrgs maps the orgs the caller may see by id; a failure only leaves the
// names out.
func (s *Server) visibleOrgs(r *http.Request) map[int64]*jingzi.Org {
	out := map[int64]*jingzi.Org{}
	list, _, err := s.OrgService.FindOrgs(r.Context(), jingzi.OrgFilter{})
	if err != nil {
		s.Logger.Warn("load orgs for corpus", "err", err)
	}
	for _, o := range list {
		out[o.ID] = o
	}
	return out
}

// uploadCorpus 导入查重模板 imports each uploaded file as a template of the
// working org. A file that cannot be read is reported and the others go on.
func (s *Server) uploadCorpus(w http.ResponseWriter, r *http.Request) {
	org, err := s.corpusOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	files, err := corpusFiles(r)
	if err != nil {
		s.corpusPageWithError(w, r, org, err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	if s.CorpusService == nil {
		s.corpusPageWithError(w, r, org, jingzi.Errorf(jingzi.EINVALID, "查重模板库暂未启用，文件未导入。请联系系统管理员。"))
		return
	}
	have := s.corpusTitles(r, org)
	var results []corpusResult
	imported := 0
	for _, fh := range files {
		res := s.importCorpusFile(r, org, fh, have)
		if res.OK {
			imported++
		}
		results = append(results, res)
	}
	p, err := s.newCorpusPage(r, org, 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Results, p.Imported, p.Failed = results, imported, len(results)-imported
	s.render(w, r, http.StatusOK, "corpus", "查重模板", p)
}

// corpusFiles reads the upload form and returns its files.
func corpusFiles(r *http.Request) ([]*multipart.FileHeader, error) {
	if err := r.ParseMultipartForm(4 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		return nil, jingzi.Errorf(jingzi.EINVALID, "上传的表单无法识别，请重新选择文件上传。")
	}
	files := r.MultipartForm.File["files"]
	if len(files) == 0 || len(files) > maxCorpusFiles {
		defer r.MultipartForm.RemoveAll()
	}
	switch {
	case len(files) == 0:
		return nil, jingzi.Errorf(jingzi.EINVALID, "请选择要导入的模板文件。")
	case len(files) > maxCorpusFiles:
		return nil, jingzi.Errorf(jingzi.EINVALID, "一次最多上传%d个文件（本次%d个），请分批上传。", maxCorpusFiles, len(files))
	}
	return files, nil
}

// corpusPageWithError shows the list again with why nothing was done.
func (s *Server) corpusPageWithError(w http.ResponseWriter, r *http.Request, org *jingzi.Org, err error) {
	status, msg := statusOf(err), jingzi.ErrorMessage(err)
	switch status {
	case http.StatusRequestEntityTooLarge:
		msg = tooLargeCorpusUpload
	case http.StatusInternalServerError:
		s.error(w, r, err)
		return
	}
	p, lerr := s.newCorpusPage(r, org, 0)
	if lerr != nil {
		s.renderStatus(w, r, status, msg)
		return
	}
	p.Error = msg
	s.render(w, r, status, "corpus", "查重模板", p)
}

// corpusTitles are the titles of the org's own templates, so that a file
// uploaded twice is not compared with itself.
func (s *Server) corpusTitles(r *http.Request, org *jingzi.Org) map[string]bool {
	have := map[string]bool{}
	docs, _, err := s.CorpusService.FindCorpusDocs(r.Context(), jingzi.CorpusFilter{ForOrg: &org.ID})
	if err != nil {
		s.Logger.Warn("load corpus titles", "err", err)
	}
	for _, d := range docs {
		if d.OrgID == org.ID {
			have[d.Title] = true
		}
	}
	return have
}

// importCorpusFile reads one file through the importer and stores its text as
// a template of org.
func (s *Server) importCorpusFile(r *http.Request, org *jingzi.Org, fh *multipart.FileHeader, have map[string]bool) corpusResult {
	name := path.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	res := corpusResult{Filename: name}
	data, err := readCorpusFile(fh, name)
	if err == nil && have[name] {
		err = jingzi.Errorf(jingzi.EINVALID, "已有同名的查重模板，未重复导入。如需更新，请先删除原模板。")
	}
	var st *jingzi.Statement
	if err == nil {
		st, _, err = s.DocumentService.ImportStatement(r.Context(), name, data, nil)
	}
	if err == nil {
		err = s.CorpusService.AddCorpusDoc(r.Context(), &jingzi.CorpusDoc{OrgID: org.ID, Title: name, Text: st.Document().PlainText()})
	}
	if err != nil {
		res.Message = jingzi.ErrorMessage(err)
		if code := jingzi.ErrorCode(err); code == "" || code == jingzi.EINTERNAL {
			s.Logger.Error("import corpus file", "file", name, "err", err)
			res.Message = "系统内部错误，该文件未导入，请稍后重试。"
		}
		return res
	}
	have[name] = true
	res.OK, res.Message = true, "已导入"
	return res
}

// readCorpusFile checks the type and size of one uploaded file and reads it.
func readCorpusFile(fh *multipart.FileHeader, name string) ([]byte, error) {
	if !corpusExtensions[strings.ToLower(path.Ext(name))] {
		return nil, jingzi.Errorf(jingzi.EINVALID, "仅支持 .docx、.txt、.md 格式的文件。")
	}
	if fh.Size > maxUploadBytes {
		return nil, jingzi.Errorf(jingzi.EINVALID, "文件超过%d MB，未导入。请删去文中的图片等内容后重新上传。", maxUploadBytes>>20)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUploadBytes+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("read upload: %w", err)
	case len(data) > maxUploadBytes:
		return nil, jingzi.Errorf(jingzi.EINVALID, "文件超过%d MB，未导入。请删去文中的图片等内容后重新上传。", maxUploadBytes>>20)
	case len(data) == 0:
		return nil, jingzi.Errorf(jingzi.EINVALID, "这是一个空文件。")
	}
	return data, nil
}

// deleteCorpusDoc 删除查重模板 removes a template once the organiser has ticked
// the confirmation box; statements are no longer compared with it.
func (s *Server) deleteCorpusDoc(w http.ResponseWriter, r *http.Request) {
	org, err := s.corpusOrg(r)
	if err == nil && s.CorpusService == nil {
		err = jingzi.Errorf(jingzi.ENOTFOUND, "查重模板不存在，或已被删除。")
	}
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if !formBool(r, "confirm") {
		s.corpusPageWithError(w, r, org, jingzi.Errorf(jingzi.EINVALID, "请先勾选“确认删除”，再点击“删除模板”。模板未删除。"))
		return
	}
	title := "该模板"
	docs, _, err := s.CorpusService.FindCorpusDocs(r.Context(), jingzi.CorpusFilter{ForOrg: &org.ID})
	if err == nil {
		for _, d := range docs {
			if d.ID == id {
				title = "“" + d.Title + "”"
			}
		}
	}
	if err := s.CorpusService.DeleteCorpusDoc(r.Context(), id); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/corpus", "已删除查重模板"+title+"，今后查重不再与它比对。")
}
