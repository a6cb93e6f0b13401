package web

import (
	"net/http"

	"jingzi"
)

// exportMinutesDocx 会议记录 as GB/T 9704 .docx.
func (s *Server) exportMinutesDocx(w http.ResponseWriter, r *http.Request) {
	s.exportMeetingDocument(w, r, "会议记录", func(m *jingzi.Meeting, min *jingzi.Minutes, st []*jingzi.Statement) jingzi.Document {
		return jingzi.MinutesDocument(m, min, st)
	})
}

// exportReportDocx 情况报告 as GB/T 9704 .docx, with the numbers of the records.
func (s *Server) exportReportDocx(w http.ResponseWriter, r *http.Request) {
	s.exportMeetingDocument(w, r, "情况报告", func(m *jingzi.Meeting, min *jingzi.Minutes, st []*jingzi.Statement) jingzi.Document {
		p := jingzi.ProgressOf(m)
		if s.ProgressSource != nil {
			more, err := s.ProgressSource.MeetingProgress(r.Context(), m.ID)
			if err != nil {
				s.Logger.Warn("meeting progress for the report", "meeting", m.ID, "err", err)
			} else {
				p.Merge(more)
			}
		}
		return jingzi.MeetingReportDocument(m, min, p, st)
	})
}

func (s *Server) exportMeetingDocument(w http.ResponseWriter, r *http.Request, name string,
	build func(*jingzi.Meeting, *jingzi.Minutes, []*jingzi.Statement) jingzi.Document) {
	if s.DocumentService == nil {
		s.error(w, r, jingzi.Errorf(jingzi.ENOTFOUND, "本服务器未启用文档导出。"))
		return
	}
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	min, err := s.MinutesService.FindMinutes(r.Context(), m.ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var statements []*jingzi.Statement
	if s.StatementService != nil {
		if statements, _, err = s.StatementService.FindStatements(r.Context(), jingzi.StatementFilter{MeetingID: &m.ID}); err != nil {
			s.error(w, r, err)
			return
		}
	}
	d := build(m, min, statements)
	data, contentType, err := s.DocumentService.ExportDocument(r.Context(), &d, jingzi.FormatDocx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	sendFile(w, "attachment", m.Title+name+".docx", contentType, data)
}
