package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jingzi"
)

// seedShapeStatement gives the fixture's team statement the seed's shape: a
// first problem section with three problems (一是…三是), and one measures part
// of three items, two with quantified targets, so no measure answers a
// section by position.
func seedShapeStatement(f *fixture) {
	q := func(n int) *int { return &n }
	team := f.store.statements[0]
	team.Parts[0].Sections[0].Items = []*jingzi.Item{
		{Heading: "一是理论学习不系统。", Body: "平时忙于日常工作多，个人专门自学少，学习不系统、理解不深入。"},
		{Heading: "二是学思践悟不透彻。", Body: "反复学、持续学、深入学还不到位。"},
		{Heading: "三是政治能力不够强。", Body: "站在政治的高度思考工作还不够自觉。"},
	}
	team.Parts[2].Items = []*jingzi.Item{
		{Heading: "一是提高政治站位，着力提高政治判断力。", Body: "深入学习党的十九届六中全会精神，坚决做到“两个维护”，全年深入基层企业宣讲调研不少于20家。",
			Targets: []jingzi.Target{{Text: "全年深入基层企业宣讲调研不少于20家", Quantity: q(20), Unit: "家", Period: "全年"}}},
		{Heading: "二是筑牢信仰信念，着力提高政治领悟力。", Body: "每周安排专门时间进行个人自学，全年撰写心得体会不少于12篇，通读书籍不少于XX本。",
			Targets: []jingzi.Target{{Text: "全年撰写心得体会不少于12篇", Quantity: q(12), Unit: "篇", Period: "全年"},
				{Text: "通读书籍不少于XX本", Unit: "本", Period: "全年"}}},
		{Heading: "三是履行管党治党责任。", Body: "认真履行“一岗双责”，全年参加支部活动不少于XX次。"},
	}
}

var inputRe = regexp.MustCompile(`<(?:input|button)[^>]*>`)

var selectRe = regexp.MustCompile(`(?s)<select name="([a-z_]+)">(.*?)</select>`)

var formValueRe = regexp.MustCompile(`name="([a-z0-9_-]+)" value="([^"]*)"`)

// formOnPage reads the new-item form back from the page as a browser would
// send it: its inputs' values and the two text areas.
func formOnPage(body string) url.Values {
	start := strings.Index(body, `id="ledger-new-form"`)
	form := body[start:]
	form = form[:strings.Index(form, "</form>")]
	v := url.Values{}
	for _, tag := range inputRe.FindAllString(form, -1) {
		m := formValueRe.FindStringSubmatch(tag)
		if m == nil || m[1] == "measure" || strings.Contains(tag, `type="checkbox"`) && !strings.Contains(tag, " checked") {
			continue
		}
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, name := range []string{"problem", "measures"} {
		re := regexp.MustCompile(`<textarea name="` + name + `"[^>]*>([^<]*)</textarea>`)
		if m := re.FindStringSubmatch(form); m != nil {
			v.Set(name, html.UnescapeString(m[1]))
		}
	}
	for _, m := range selectRe.FindAllStringSubmatch(form, -1) {
		if sel := regexp.MustCompile(`<option value="([^"]*)" selected`).FindStringSubmatch(m[2]); sel != nil {
			v.Set(m[1], sel[1])
		}
	}
	return v
}

func TestLedgerMeasureChoice(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	f.ledger.items = f.ledger.items[1:] // the problem is not taken yet
	seedShapeStatement(f)
	newForm := "/meetings/7/rectify/new?kind=statement&statement=1&anchor=p0-s0-i0"

	// Three measures for five problem sections: none is guessed, all are offered.
	body := f.get(newForm, tok).Body.String()
	if !strings.Contains(body, `<textarea name="measures" rows="3" maxlength="4000"></textarea>`) {
		t.Error("a measure was guessed although the measures do not follow the problem sections")
	}
	for _, w := range []string{`id="ledger-measures"`, "一是提高政治站位，着力提高政治判断力。",
		"量化目标：全年深入基层企业宣讲调研不少于20家（20家）", "全年撰写心得体会不少于12篇（12篇）；通读书籍不少于XX本（数量待定）",
		`formaction="/meetings/7/rectify/new#ledger-new" formnovalidate name="measure" value="p2-i0">采用此措施</button>`,
		`value="p2-i2">采用此措施`} {
		if !strings.Contains(body, w) {
			t.Errorf("new-item form lacks %q", w)
		}
	}

	// Enter in a field submits with the form's first button: 列入整改台账, not 采用此措施.
	if strings.Index(body, `<button type="submit">列入整改台账</button>`) > strings.Index(body, `name="measure"`) {
		t.Error("a 采用此措施 button comes before 列入整改台账 in the form")
	}

	// The user types, then chooses the first measure: the typed fields stay,
	// the measure and its target are filled in, the source is still the problem.
	typed := formOnPage(body)
	typed.Set("problem", "理论学习不系统，学用结合不紧。")
	typed.Set("department", "办公室")
	typed.Set("owner_pid", "2")
	typed.Set("due", "2024-12-31")
	typed.Set("task-0-text", "制定年度调研计划")
	typed.Set("measure", "p2-i0")
	rec := f.get("/meetings/7/rectify/new?"+typed.Encode(), tok)
	body = rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("采用此措施: %d", rec.Code)
	}
	for _, w := range []string{"理论学习不系统，学用结合不紧。", `name="department" value="办公室"`, `name="due" value="2024-12-31"`,
		`name="task-0-text" value="制定年度调研计划"`, `<option value="2" selected>`, "一是提高政治站位，着力提高政治判断力。深入学习党的十九届六中全会精神",
		`name="target-0-text" value="全年深入基层企业宣讲调研不少于20家"`, `name="target-0-quantity" value="20"`,
		`name="target-0-unit" value="家"`, `class="ledger-measure-chosen" id="measure-p2-i0"`, `value="p2-i1">采用此措施`,
		"问题来源：对照检查查摆（领导班子对照检查材料第1部分第1节第1条）"} {
		if !strings.Contains(body, w) {
			t.Errorf("form after 采用此措施 lacks %q", w)
		}
	}
	if strings.Contains(body, `value="p2-i0">采用此措施`) {
		t.Error("the chosen measure is still offered")
	}

	// Sent as shown, the item carries the target 20 家 and answers the problem.
	sent := formOnPage(body)
	rec = f.post("/meetings/7/ledger", tok, sent)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
	}
	it := f.ledger.items[len(f.ledger.items)-1]
	if len(it.Targets) != 1 || it.Targets[0].Quantity == nil || *it.Targets[0].Quantity != 20 || it.Targets[0].Unit != "家" ||
		it.Targets[0].Text != "全年深入基层企业宣讲调研不少于20家" {
		t.Errorf("targets %+v", it.Targets)
	}
	if it.Source.Kind != jingzi.SourceStatement || it.Source.Anchor != (jingzi.Anchor{Part: 0, Section: 0, Item: 0}) ||
		it.Problem != "理论学习不系统，学用结合不紧。" || it.Department != "办公室" || len(it.Tasks) != 1 ||
		!strings.HasPrefix(it.Measures, "一是提高政治站位") {
		t.Errorf("stored item %+v source %+v", it, it.Source)
	}
}

func TestLedgerMeasureChoiceUnknown(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	f.ledger.items = f.ledger.items[1:]
	seedShapeStatement(f)
	q := url.Values{"kind": {"statement"}, "statement": {"1"}, "anchor": {"p0-s0-i0"}, "problem": {"已填写的问题"},
		"measures": {"已填写的措施"}, "measure": {"p2-i9"}}
	body := f.get("/meetings/7/rectify/new?"+q.Encode(), tok).Body.String()
	for _, w := range []string{"所选整改措施在对照检查材料中已不存在", "已填写的问题", "已填写的措施", `value="p2-i0">采用此措施`} {
		if !strings.Contains(body, w) {
			t.Errorf("form lacks %q", w)
		}
	}
	// Other sources offer no measures.
	body = f.get("/meetings/7/rectify/new?kind=manual", tok).Body.String()
	if strings.Contains(body, `id="ledger-measures"`) || strings.Contains(body, "ledger-measure-hint") {
		t.Error("a manual item is offered statement measures")
	}
}
