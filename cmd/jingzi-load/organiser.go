package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// organiser 组织者 drives the organiser's pages of a running server to make
// codes for a run: it logs in, starts a solicitation on a meeting and asks for
// codes in batches, reading them off the slips page like a person printing them.
type organiser struct {
	base   string
	client *http.Client
}

// codesPerBatch is the most the codes form accepts at once (jingzi.MaxCodesPerBatch).
const codesPerBatch = 500

var (
	meetingLink  = regexp.MustCompile(`href="/meetings/(\d+)"`)
	slipCode     = regexp.MustCompile(`class="slip-code">([^<]+)<`)
	solicitation = regexp.MustCompile(`^/solicitations/(\d+)$`)
)

// login signs in with a cookie jar; the client follows no redirect, so that
// each answer can be checked for what it is.
func login(ctx context.Context, base, name, password string) (*organiser, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	o := &organiser{base: base, client: &http.Client{
		Jar:           jar,
		Timeout:       2 * time.Minute,
		Transport:     &http.Transport{DialContext: loopbackDialer().DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	resp, _, err := o.post(ctx, "/login", url.Values{"login": {name}, "password": {password}, "next": {"/"}})
	if err != nil {
		return nil, err
	}
	switch loc := resp.Header.Get("Location"); {
	case resp.StatusCode != http.StatusSeeOther:
		return nil, fmt.Errorf("以 %s 登录失败（HTTP %d），请核对登录名和密码。", name, resp.StatusCode)
	case loc == "/password":
		return nil, fmt.Errorf("账号 %s 须先修改密码，请先在网页上登录修改。", name)
	}
	return o, nil
}

// post sends a form and returns the response with its body read.
func (o *organiser) post(ctx context.Context, path string, form url.Values) (*http.Response, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return o.do(req)
}

func (o *organiser) get(ctx context.Context, path string) (*http.Response, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, o.base+path, nil)
	if err != nil {
		return nil, "", err
	}
	return o.do(req)
}

func (o *organiser) do(req *http.Request) (*http.Response, string, error) {
	resp, err := o.client.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("请求 %s 失败：%w", req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", fmt.Errorf("读取 %s 的响应失败：%w", req.URL.Path, err)
	}
	return resp, string(body), nil
}

// firstMeeting returns the id of the first meeting on the organiser's list.
func (o *organiser) firstMeeting(ctx context.Context) (int64, error) {
	resp, body, err := o.get(ctx, "/meetings")
	if err != nil {
		return 0, err
	}
	m := meetingLink.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		return 0, fmt.Errorf("该组织者名下没有可用的会议（HTTP %d），请用 --meeting 指定会议编号。", resp.StatusCode)
	}
	return strconv.ParseInt(m[1], 10, 64)
}

// createSolicitation starts a solicitation open from today for two weeks.
func (o *organiser) createSolicitation(ctx context.Context, meetingID int64, title string, today time.Time) (int64, error) {
	form := url.Values{
		"title":     {title},
		"opens_on":  {today.Format("2006-01-02")},
		"closes_on": {today.AddDate(0, 0, 14).Format("2006-01-02")},
		"threshold": {"5"},
	}
	resp, _, err := o.post(ctx, "/meetings/"+strconv.FormatInt(meetingID, 10)+"/solicitations", form)
	if err != nil {
		return 0, err
	}
	m := solicitation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		return 0, fmt.Errorf("在会议 %d 上创建征求意见失败（HTTP %d）。", meetingID, resp.StatusCode)
	}
	return strconv.ParseInt(m[1], 10, 64)
}

// generateCodes asks for n codes in batches and reads them off the slips pages.
func (o *organiser) generateCodes(ctx context.Context, solicitationID int64, n int) ([]string, error) {
	path := "/solicitations/" + strconv.FormatInt(solicitationID, 10) + "/codes"
	codes := make([]string, 0, n)
	for len(codes) < n {
		batch := min(codesPerBatch, n-len(codes))
		resp, body, err := o.post(ctx, path, url.Values{"count": {strconv.Itoa(batch)}, "unit": {""}})
		if err != nil {
			return nil, err
		}
		found := slipCode.FindAllStringSubmatch(body, -1)
		if resp.StatusCode != http.StatusOK || len(found) != batch {
			return nil, fmt.Errorf("生成匿名码失败（HTTP %d，页面上找到 %d 个，应为 %d 个）。", resp.StatusCode, len(found), batch)
		}
		for _, m := range found {
			codes = append(codes, html.UnescapeString(strings.TrimSpace(m[1])))
		}
	}
	return codes, nil
}

// prepareCodes is the whole organiser path: log in, pick the meeting, start a
// solicitation and make n codes.
func prepareCodes(ctx context.Context, base, name, password string, meetingID int64, n int) ([]string, error) {
	o, err := login(ctx, base, name, password)
	if err != nil {
		return nil, err
	}
	if meetingID == 0 {
		if meetingID, err = o.firstMeeting(ctx); err != nil {
			return nil, err
		}
	}
	now := time.Now()
	id, err := o.createSolicitation(ctx, meetingID, "压力测试 "+now.Format("2006-01-02 15:04:05"), now)
	if err != nil {
		return nil, err
	}
	return o.generateCodes(ctx, id, n)
}
