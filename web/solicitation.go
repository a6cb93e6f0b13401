package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"

	"jingzi"
)

// solicitationListPage 征求意见 is the opinions phase of a meeting: its
// solicitations, the counts the statements quote, and a form to start one.
type solicitationListPage struct {
	Meeting        *jingzi.Meeting
	Solicitations  []*jingzi.Solicitation
	Opinions       int
	Units          int
	CanManage      bool
	OnRoster       bool
	DefaultOpens   string
	DefaultCloses  string
	DefaultMinimum int
}

func (p solicitationListPage) meeting() *jingzi.Meeting { return p.Meeting }

func (s *Server) solicitationList(w http.ResponseWriter, r *http.Request) {
	if s.SolicitationService == nil || s.OpinionService == nil {
		r.SetPathValue("phase", string(jingzi.PhaseOpinions))
		s.meetingPhasePage(w, r)
		return
	}
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := solicitationListPage{Meeting: m, CanManage: jingzi.CanManageMeeting(r.Context(), m.OrgPath),
		OnRoster: jingzi.RosterEntry(r.Context(), m) != nil, DefaultMinimum: jingzi.DefaultThreshold}
	if p.Solicitations, _, err = s.SolicitationService.FindSolicitations(r.Context(), jingzi.SolicitationFilter{MeetingID: &m.ID}); err != nil {
		s.error(w, r, err)
		return
	}
	if p.Opinions, p.Units, err = s.SolicitationService.CountOpinions(r.Context(), m.ID); err != nil {
		s.error(w, r, err)
		return
	}
	today := s.Now().In(time.Local)
	p.DefaultOpens, p.DefaultCloses = today.Format(dateLayout), today.AddDate(0, 0, 14).Format(dateLayout)
	s.render(w, r, http.StatusOK, "solicitations", "征求意见 · "+m.Title, p)
}

const dateLayout = "2006-01-02"

// formDate reads a yyyy-mm-dd field in the server's local time.
func formDate(r *http.Request, key, what string) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, strings.TrimSpace(r.PostFormValue(key)), time.Local)
	if err != nil {
		return time.Time{}, jingzi.Errorf(jingzi.EINVALID, "“%s”应为日期，如2022-01-10。", what)
	}
	return t, nil
}

// solicitationForm reads the settings fields shared by create and update.
func solicitationForm(r *http.Request) (*jingzi.Solicitation, error) {
	if err := parseForm(r); err != nil {
		return nil, err
	}
	sol := &jingzi.Solicitation{Title: r.PostFormValue("title")}
	var err error
	if sol.OpensOn, err = formDate(r, "opens_on", "开始日期"); err != nil {
		return nil, err
	}
	if sol.ClosesOn, err = formDate(r, "closes_on", "截止日期"); err != nil {
		return nil, err
	}
	if sol.Threshold, err = formInt(r, "threshold", "匿名意见显示门槛"); err != nil {
		return nil, err
	}
	return sol, nil
}

func (s *Server) createSolicitation(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	sol, err := solicitationForm(r)
	if err == nil {
		sol.MeetingID = m.ID
		err = s.SolicitationService.CreateSolicitation(r.Context(), sol)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, solicitationURL(sol.ID), "已创建征求意见“"+sol.Title+"”。")
}

func solicitationURL(id int64) string { return "/solicitations/" + strconv.FormatInt(id, 10) }

func (s *Server) updateSolicitation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	sol, err := solicitationForm(r)
	if err == nil {
		_, err = s.SolicitationService.UpdateSolicitation(r.Context(), id, jingzi.SolicitationUpdate{
			Title: &sol.Title, OpensOn: &sol.OpensOn, ClosesOn: &sol.ClosesOn, Threshold: &sol.Threshold})
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, solicitationURL(id), "已保存征求意见设置。")
}

// releaseFeedback 原汁原味反馈: releases (or withdraws) the opinions to the participants.
func (s *Server) releaseFeedback(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	release := formBool(r, "released")
	if _, err := s.SolicitationService.UpdateSolicitation(r.Context(), id, jingzi.SolicitationUpdate{Released: &release}); err != nil {
		s.error(w, r, err)
		return
	}
	msg := "已向班子成员发布意见反馈。"
	if !release {
		msg = "已撤回意见反馈。"
	}
	s.redirectWithFlash(w, r, solicitationURL(id), msg)
}

func (s *Server) createUnitForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	if err == nil {
		_, err = s.SolicitationService.CreateUnitForm(r.Context(), id, r.PostFormValue("unit"))
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, solicitationURL(id)+"#units", "已生成单位征求意见表链接。")
}

// slipsPage 意见征求单 is the print page of freshly generated codes: the only
// place the codes exist in clear, so it is the POST's own response.
type slipsPage struct {
	Meeting      *jingzi.Meeting
	Solicitation *jingzi.Solicitation
	Unit         string
	Slips        []slip
	Pages        [][]slip
}

func (p slipsPage) meeting() *jingzi.Meeting { return p.Meeting }

// slip is one code with its URL and QR code (a PNG data: URI, allowed by img-src).
type slip struct {
	Code string
	URL  string
	QR   template.URL
}

// slipsPerPage fits A4 in two columns of five.
const slipsPerPage = 10

func (s *Server) generateCodes(w http.ResponseWriter, r *http.Request) {
	sol, m, err := s.findSolicitation(r)
	if err == nil {
		err = parseForm(r)
	}
	var n int
	if err == nil {
		n, err = formInt(r, "count", "生成数量")
	}
	var codes []string
	unit := strings.TrimSpace(r.PostFormValue("unit"))
	if err == nil {
		codes, err = s.SolicitationService.GenerateCodes(r.Context(), sol.ID, n, unit)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := slipsPage{Meeting: m, Solicitation: sol, Unit: unit}
	base := publicBase(r, s.SecureCookies)
	for _, code := range codes {
		sl := slip{Code: code, URL: base + "/o?code=" + code}
		png, err := qrcode.Encode(sl.URL, qrcode.Medium, 200)
		if err != nil {
			s.error(w, r, err)
			return
		}
		sl.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
		p.Slips = append(p.Slips, sl)
	}
	for i := 0; i < len(p.Slips); i += slipsPerPage {
		p.Pages = append(p.Pages, p.Slips[i:min(i+slipsPerPage, len(p.Slips))])
	}
	s.render(w, r, http.StatusOK, "solicitation_slips", "意见征求单 · "+sol.Title, p)
}

// publicBase is the site's address as the browser reached it, for the slips' URLs.
func publicBase(r *http.Request, secure bool) string {
	scheme := "http"
	if r.TLS != nil || secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// findSolicitation loads the {id} solicitation and its meeting.
func (s *Server) findSolicitation(r *http.Request) (*jingzi.Solicitation, *jingzi.Meeting, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	sol, err := s.SolicitationService.FindSolicitationByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.MeetingService.FindMeetingByID(r.Context(), sol.MeetingID)
	if err != nil {
		return nil, nil, err
	}
	return sol, m, nil
}
