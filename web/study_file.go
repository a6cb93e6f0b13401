package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"jingzi"
)

// maxStudyUploadBytes is the largest 学习材料 a session takes; the request may
// carry a little more for the form around it.
const maxStudyUploadBytes = 20 << 20

// tooLargeStudyUpload is the message for a material over the limit.
var tooLargeStudyUpload = fmt.Sprintf("上传的学习材料超过%d MB，未保存。请压缩或拆分后重新上传。", maxStudyUploadBytes>>20)

// isStudyUpload reports whether the request uploads a 学习材料, which gets more
// room than an ordinary form.
func isStudyUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/studies/") && strings.HasSuffix(r.URL.Path, "/files")
}

// uploadStudyFile 上传学习材料 streams the file part of the form straight to the
// service, which writes it to the file store; nothing is kept when it is refused.
func (s *Server) uploadStudyFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f, err := s.readStudyUpload(r, id)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			err = jingzi.Errorf(jingzi.EINVALID, "%s", tooLargeStudyUpload)
		}
		s.studyPageWithError(w, r, "upload", err, nil)
		return
	}
	s.redirectWithFlash(w, r, studyURL(id)+"#study-files", "已上传学习材料“"+f.Name+"”。")
}

// readStudyUpload finds the "file" part and hands it to AddStudyFile.
func (s *Server) readStudyUpload(r *http.Request, studyID int64) (*jingzi.StudyFile, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, jingzi.Errorf(jingzi.EINVALID, "上传的表单无法识别，请重新选择文件上传。")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, jingzi.Errorf(jingzi.EINVALID, "请选择要上传的学习材料。")
		} else if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return nil, err
			}
			return nil, jingzi.Errorf(jingzi.EINVALID, "上传的表单无法识别，请重新选择文件上传。")
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		defer part.Close()
		if part.FileName() == "" {
			return nil, jingzi.Errorf(jingzi.EINVALID, "请选择要上传的学习材料。")
		}
		return s.StudyService.AddStudyFile(r.Context(), studyID, part.FileName(), part)
	}
}

// downloadStudyFile 下载学习材料 sends a material to whoever may see its session,
// always as an attachment with the type sniffed at upload.
func (s *Server) downloadStudyFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	fileID, err := strconv.ParseInt(r.PathValue("fileID"), 10, 64)
	if err != nil || fileID <= 0 {
		s.error(w, r, jingzi.Errorf(jingzi.ENOTFOUND, "学习材料不存在或您无权下载。"))
		return
	}
	f, rc, err := s.StudyService.OpenStudyFile(r.Context(), fileID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	defer rc.Close()
	if f.StudyID != id {
		s.error(w, r, jingzi.Errorf(jingzi.ENOTFOUND, "学习材料不存在或您无权下载。"))
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", studyFileDisposition(f))
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	h.Set("Cache-Control", "private, no-store")
	if _, err := io.Copy(w, rc); err != nil {
		s.Logger.Warn("send study file", "file", f.ID, "err", err)
	}
}

// studyFileExtensions give the ASCII fallback name of a download its extension.
var studyFileExtensions = map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg",
	"image/gif": ".gif", "image/webp": ".webp", "text/plain": ".txt",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}

// studyFileDisposition names the download as uploaded, with an ASCII fallback
// whose extension follows the stored type.
func studyFileDisposition(f *jingzi.StudyFile) string {
	base, _, _ := strings.Cut(f.ContentType, ";")
	return `attachment; filename="material` + studyFileExtensions[strings.TrimSpace(base)] +
		`"; filename*=UTF-8''` + rfc5987Escape(f.Name)
}

// deleteStudyFile 删除学习材料 removes a material (organiser).
func (s *Server) deleteStudyFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	fileID, err := strconv.ParseInt(r.PathValue("fileID"), 10, 64)
	if err != nil || fileID <= 0 {
		s.error(w, r, jingzi.Errorf(jingzi.ENOTFOUND, "学习材料不存在或已被删除。"))
		return
	}
	if err := s.StudyService.DeleteStudyFile(r.Context(), fileID); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, studyURL(id)+"#study-files", "学习材料已删除。")
}
