package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"jingzi"
)

// maxEvidenceFileBytes is the largest 佐证材料 file; a progress entry carries at
// most jingzi.MaxEvidenceFiles of them and maxEvidenceBytes in all.
const (
	maxEvidenceFileBytes = 20 << 20
	maxEvidenceBytes     = 50 << 20
)

var tooLargeEvidence = fmt.Sprintf("上传的佐证材料合计超过%d MB，进展未保存。请压缩或分次上传。", maxEvidenceBytes>>20)

// isEvidenceUpload reports whether the request records progress with files,
// which gets more room than an ordinary form.
func isEvidenceUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/ledger/") && strings.HasSuffix(r.URL.Path, "/progress")
}

// addLedgerProgress is POST /ledger/{id}/progress (multipart): the 责任人, the
// 牵头领导 or the organiser records what was done, how much towards a target,
// and the evidence files. A refused entry stores nothing, files included.
func (s *Server) addLedgerProgress(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadLedgerItemPage(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	in, files, err := readProgressForm(r)
	var entry *jingzi.LedgerProgress
	if err == nil {
		entry, err = in.entry(p.Item)
	}
	if err == nil {
		entry.ItemVersion, _ = strconv.Atoi(r.PostFormValue("version"))
		var uploads []jingzi.EvidenceUpload
		uploads, err = openEvidence(files)
		if err == nil {
			err = s.LedgerService.AddProgress(r.Context(), entry, uploads)
		}
		closeEvidence(uploads)
	}
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			err = jingzi.Errorf(jingzi.EINVALID, "%s", tooLargeEvidence)
		}
		s.ledgerItemFailed(w, r, "progress", err, func(p *ledgerItemPage) { p.Progress = in })
		return
	}
	msg := "整改进展已登记。"
	if n := len(files); n > 0 {
		msg = "整改进展已登记，上传佐证材料" + strconv.Itoa(n) + "份。"
	}
	s.redirectWithFlash(w, r, ledgerItemHref(p.Item.ID)+"#progress", msg)
}

// readProgressForm parses the multipart form; files over the per-file limit,
// or too many, are refused before anything is stored.
func readProgressForm(r *http.Request) (progressForm, []*multipart.FileHeader, error) {
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return progressForm{}, nil, err
		}
		return progressForm{}, nil, jingzi.Errorf(jingzi.EINVALID, "提交的表单无法识别，请重新填写并选择文件上传。")
	}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	in := progressForm{On: v("on"), Text: v("text"), Quantity: v("quantity"), Target: v("target"), Task: v("task")}
	var files []*multipart.FileHeader
	for _, fh := range r.MultipartForm.File["evidence"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		if fh.Size > maxEvidenceFileBytes {
			return in, nil, jingzi.Errorf(jingzi.EINVALID, "佐证材料“%s”超过%d MB，进展未保存。请压缩后重新上传。", fh.Filename, maxEvidenceFileBytes>>20)
		}
		files = append(files, fh)
	}
	if len(files) > jingzi.MaxEvidenceFiles {
		return in, nil, jingzi.Errorf(jingzi.EINVALID, "每次最多上传%d份佐证材料，进展未保存。", jingzi.MaxEvidenceFiles)
	}
	return in, files, nil
}

// entry turns the typed progress into an entry of the item.
func (in progressForm) entry(it *jingzi.LedgerItem) (*jingzi.LedgerProgress, error) {
	on, err := ledgerDate(in.On, "进展日期")
	if err != nil {
		return nil, err
	} else if on == nil {
		return nil, jingzi.Errorf(jingzi.EINVALID, "请填写进展日期。")
	}
	p := &jingzi.LedgerProgress{ItemID: it.ID, On: *on, Text: in.Text, TargetIndex: -1}
	if in.Target != "" && in.Target != "-1" {
		p.TargetIndex, err = strconv.Atoi(in.Target)
		if err != nil || p.TargetIndex < 0 || p.TargetIndex >= len(it.Targets) {
			return nil, jingzi.Errorf(jingzi.EINVALID, "所选量化目标无效，请刷新页面后重新选择。")
		}
	}
	if in.Quantity != "" {
		p.Quantity, err = strconv.Atoi(in.Quantity)
		if err != nil || p.Quantity < 0 {
			return nil, jingzi.Errorf(jingzi.EINVALID, "完成数量应填写不小于0的整数。")
		} else if p.TargetIndex < 0 && p.Quantity > 0 {
			return nil, jingzi.Errorf(jingzi.EINVALID, "填写完成数量时，请选择对应的量化目标。")
		}
	}
	if in.Task != "" {
		p.TaskID, _ = strconv.ParseInt(in.Task, 10, 64)
	}
	return p, nil
}

func openEvidence(files []*multipart.FileHeader) ([]jingzi.EvidenceUpload, error) {
	var out []jingzi.EvidenceUpload
	for _, fh := range files {
		f, err := fh.Open()
		if err != nil {
			closeEvidence(out)
			return nil, fmt.Errorf("open evidence upload: %w", err)
		}
		out = append(out, jingzi.EvidenceUpload{Name: fh.Filename, Body: f})
	}
	return out, nil
}

func closeEvidence(list []jingzi.EvidenceUpload) {
	for _, u := range list {
		if c, ok := u.Body.(io.Closer); ok {
			c.Close()
		}
	}
}

// downloadEvidence is GET /ledger/evidence/{id}: the file, to those who may see
// its item, always as an attachment named as uploaded.
func (s *Server) downloadEvidence(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	e, rc, err := s.LedgerService.OpenEvidence(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	h.Set("Content-Disposition", evidenceDisposition(e))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	if e.Size > 0 {
		h.Set("Content-Length", strconv.FormatInt(e.Size, 10))
	}
	if _, err := io.Copy(w, rc); err != nil {
		s.Logger.Warn("send evidence", "evidence", e.ID, "err", err)
	}
}

// evidenceDisposition names the download as uploaded, with an ASCII fallback
// whose extension follows the stored type.
func evidenceDisposition(e *jingzi.Evidence) string {
	base, _, _ := strings.Cut(e.ContentType, ";")
	return `attachment; filename="evidence` + studyFileExtensions[strings.TrimSpace(base)] +
		`"; filename*=UTF-8''` + rfc5987Escape(e.Name)
}
