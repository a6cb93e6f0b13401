package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// The demo's 2020 meeting was held: its 召开 page shows the saved minutes with
// the quorum and the criticisms, the 情况报告 is marked sent, and the overview's
// phase strip counts the 召开 phase as done.
func TestDemoMinutes(t *testing.T) {
	site := newDemoSite(t)
	sys := jingzi.SystemContext(t.Context(), "测试")
	list, _, err := sqldb.NewMeetingService(site.db).FindMeetings(sys, jingzi.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, m := range list {
		if m.Year == 2020 {
			id = m.ID
		}
	}
	c := site.as(t, "dangban")
	get := func(path string) string {
		resp, err := c.Get(site.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return string(body)
	}
	page := get(fmt.Sprintf("/meetings/%d/meeting", id))
	for _, want := range []string{"会议记录第1版", "实到", "达到应到人数的三分之二", "调研多在机关和城区", "已于2021年2月1日报送"} {
		if !strings.Contains(page, want) {
			t.Errorf("召开 page lacks %q", want)
		}
	}
	overview := get(fmt.Sprintf("/meetings/%d", id))
	if !strings.Contains(overview, `id="phase-meeting" data-done="true"`) || !strings.Contains(overview, "已于2021年2月1日报送") {
		t.Error("overview: the 召开 phase is not done or the report line is missing")
	}
}
