package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var hrefPattern = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// inlineCode finds what the Content-Security-Policy would block: inline scripts,
// styles and event handlers.
var inlineCode = regexp.MustCompile(`(?i)<script>|<style|\sstyle=|\son[a-z]+=`)

// crawl follows every link reachable from / as the user and returns the pages
// that did not answer 200, and the bodies of those that did.
func crawl(t *testing.T, f *fixture, login string) (dead []string, bodies map[string]string) {
	t.Helper()
	tok := f.session(t, login)
	bodies = map[string]string{}
	queue := []string{"/"}
	seen := map[string]bool{"/": true}
	for len(queue) > 0 && len(seen) < 300 {
		path := queue[0]
		queue = queue[1:]
		rec := f.get(path, tok)
		if rec.Code != http.StatusOK {
			dead = append(dead, path+" → "+http.StatusText(rec.Code))
			continue
		}
		if strings.HasPrefix(path, "/static/") {
			continue
		}
		bodies[path] = rec.Body.String()
		for _, m := range hrefPattern.FindAllStringSubmatch(rec.Body.String(), -1) {
			link := html.UnescapeString(m[1])
			if strings.HasPrefix(link, "#") {
				if !strings.Contains(rec.Body.String(), ` id="`+link[1:]+`"`) {
					dead = append(dead, path+link+" → no such anchor")
				}
				continue
			}
			if i := strings.IndexByte(link, '#'); i > 0 {
				link = link[:i] // a browser asks for the page without its fragment
			}
			if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") {
				t.Errorf("%s links outside the site: %q", path, link)
				continue
			}
			if !seen[link] {
				seen[link] = true
				queue = append(queue, link)
			}
		}
	}
	return dead, bodies
}

func TestNoDeadLinks(t *testing.T) {
	tests := []struct {
		login string
		must  []string // links the layout shows to this user
		not   []string // links it hides
	}{
		{"organizer", []string{"/meetings/7/study", "/studies/1", "/studies/2", "/studies/1/files/1", "/phases/plan", "/phases/archive", "/meetings/7", "/meetings/7/talks", "/talks/1", "/password",
			"/meetings/7/statements", "/statements/1", "/statements/1/versions", "/statements/1/compare?from=1&amp;to=2",
			"/statements/1/export.docx", "/statements/1/export.html", "/frameworks", "/frameworks/11", "/frameworks/11/edit", "/frameworks/new", "/corpus",
			"/meetings/new", "/meetings/7/edit", "/meetings/7/plan", "/supervision"},
			[]string{"/orgs", "/users", "/audit", "/security", "/frameworks/1/edit"}},
		{"reviewer", []string{"/meetings/7/study", "/studies/1", "/supervision", "/meetings/7/review", "/meetings/7/statements", "/statements/1"},
			[]string{"/orgs", "/audit", "/frameworks", "/corpus", "/meetings/new", "/meetings/7/edit"}},
		{"li", []string{"/meetings/7/study", "/studies/1", "/meetings/7/statements", "/statements/1", "/statements/1/versions", "/meetings/7/talks", "/talks/1"}, []string{"/frameworks", "/orgs", "/corpus"}},
		{"all", []string{"/orgs", "/users", "/audit", "/security", "/supervision", "/orgs/new", "/users/new", "/users/10", "/orgs/2"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.login, func(t *testing.T) {
			f := newFixture(t)
			if tt.login == "reviewer" {
				f.submitStatement(1) // reviewers see statements once submitted
			}
			dead, bodies := crawl(t, f, tt.login)
			if len(dead) > 0 {
				t.Errorf("dead links: %v", dead)
			}
			all := strings.Join(mapValues(bodies), "\n")
			for _, link := range tt.must {
				if !strings.Contains(all, `href="`+link+`"`) {
					t.Errorf("no link to %s", link)
				}
			}
			for _, link := range tt.not {
				if strings.Contains(all, `href="`+link+`"`) {
					t.Errorf("link to %s shown to %s", link, tt.login)
				}
			}
			for path, body := range bodies {
				if m := inlineCode.FindString(body); m != "" {
					t.Errorf("%s renders inline code %q", path, m)
				}
			}
		})
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestLayoutShowsOrgAndSwitcher(t *testing.T) {
	f := newFixture(t)
	body := f.get("/", f.session(t, "organizer")).Body.String()
	for _, want := range []string{"镜子（jingzi）", "当前党组织：市民政局党委", `action="/org/switch"`,
		`<option value="3">办公室党支部</option>`, "王organizer", "密码与邮箱", "退出",
		"筹备", "学习研讨", "征求意见", "谈心谈话", "对照检查", "审核", "召开", "整改", "归档"} {
		if !strings.Contains(body, want) {
			t.Errorf("layout lacks %q", want)
		}
	}
	if strings.Contains(body, "市财政局党组") {
		t.Error("the switcher offers an org where the user holds no role")
	}
}

func TestMeetingOverview(t *testing.T) {
	f := newFixture(t)
	body := f.get("/meetings/7", f.session(t, "organizer")).Body.String()
	for _, want := range []string{"市民政局党委2022年度民主生活会", "2022年度", "民主生活会",
		`class="current"`, "（当前环节）", "待核对", "张书记", "党委书记、局长", "主要负责人", "社会救助科、养老服务科"} {
		if !strings.Contains(body, want) {
			t.Errorf("meeting page lacks %q", want)
		}
	}
	// 审核 happens on the statement list, which shows each statement's state.
	rec := f.get("/meetings/7/review", f.session(t, "organizer"))
	if b := rec.Body.String(); rec.Code != http.StatusOK || strings.Contains(b, comingSoon) || !strings.Contains(b, "对照检查材料") {
		t.Errorf("审核 phase: %d, want the statement list:\n%s", rec.Code, b)
	}
	// From the navigation, a phase lists the meetings to open it in and
	// says what the phase is for; built phases are not "coming soon".
	body = f.get("/phases/review", f.session(t, "organizer")).Body.String()
	if !strings.Contains(body, "本环节的主要工作") || !strings.Contains(body, "再报上级组织部") || strings.Contains(body, comingSoon) ||
		!strings.Contains(body, `href="/meetings/7/review"`) {
		t.Errorf("/phases/review does not list the meetings plainly:\n%s", body)
	}
}
