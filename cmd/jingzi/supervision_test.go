package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// The 督导一览 on the real store: the 组织部's reviewer sees the 民政局's meeting
// with its opinions and talk coverage as the services count them; the 人社局's organiser sees only
// their own subtree; a participant has no dashboard.
func TestSupervisionOnDemo(t *testing.T) {
	site := newDemoSite(t)
	sys := jingzi.SystemContext(context.Background(), "测试")
	mid := site.ids["meeting:江城市民政局党委"]
	opinions, _, err := sqldb.NewSolicitationService(site.db).CountOpinions(sys, mid)
	if err != nil {
		t.Fatal(err)
	}
	x, err := sqldb.NewTalkService(site.db).TalkMatrix(sys, mid)
	if err != nil || x.Required == 0 {
		t.Fatal(x, err)
	}
	row := fmt.Sprintf("<td>%d条</td>\n      <td>%d%%</td>", opinions, x.Done*100/x.Required)
	tests := []struct {
		login  string
		status int
		want   []string
		not    []string
	}{
		{"zuzhibu", http.StatusOK, []string{"江城市民政局党委", row, "江城市人力资源和社会保障局党组"}, nil},
		{"rsdangban", http.StatusOK, []string{"江城市人力资源和社会保障局党组"}, []string{"江城市民政局党委"}},
		{"rsmember", http.StatusForbidden, nil, []string{"江城市民政局党委"}},
	}
	for _, tt := range tests {
		for _, path := range []string{"/supervision", "/supervision?sort=talks&dir=desc"} {
			resp, err := site.as(t, tt.login).Get(site.srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body := string(b)
			if resp.StatusCode != tt.status {
				t.Errorf("%s %s: status %d, want %d", tt.login, path, resp.StatusCode, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s: page lacks %s", tt.login, path, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("%s %s: page shows %s", tt.login, path, w)
				}
			}
		}
	}
	resp, err := site.as(t, "zuzhibu").Get(site.srv.URL + "/supervision/export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
