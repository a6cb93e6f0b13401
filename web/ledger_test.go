package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jingzi"
)

func TestLedgerList(t *testing.T) {
	tests := []struct {
		login, query string
		want, not    []string
	}{
		{"organizer", "", []string{`id="ledger-1"`, `id="ledger-2"`, `id="ledger-3"`, "12/20家", "限期整改 2024年2月20日",
			`class="ledger-row colour-red"`, `class="marker marker-green"`, `href="/statements/1#p0-s0-i0"`, `id="ledger-new-form"`,
			"完成率<strong id=\"ledger-percent\">33%</strong>", `<strong id="ledger-overdue">1</strong>`, `data-chart=`,
			`href="/meetings/7/ledger.xlsx"`}, nil},
		{"organizer", "?colour=red", []string{`id="ledger-1"`}, []string{`id="ledger-2"`, `id="ledger-3"`}},
		{"organizer", "?status=closed", []string{`id="ledger-3"`}, []string{`id="ledger-1"`, `id="ledger-2"`}},
		{"organizer", "?owner=" + url.QueryEscape("陈主任"), []string{`id="ledger-2"`}, []string{`id="ledger-1"`}},
		{"organizer", "?status=requested", []string{"没有符合筛选条件的整改事项"}, []string{`id="ledger-1"`}},
		{"reviewer", "", []string{`id="ledger-1"`, "12/20家"}, []string{`id="ledger-new-form"`}},
		{"li", "", []string{`id="ledger-1"`}, []string{`id="ledger-new-form"`}},
	}
	for _, tt := range tests {
		t.Run(tt.login+tt.query, func(t *testing.T) {
			f := newFixture(t)
			rec := f.get("/meetings/7/rectify"+tt.query, f.session(t, tt.login))
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("page shows %s", w)
				}
			}
		})
	}
}

func TestLedgerFromStatementProblem(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	f.ledger.items = f.ledger.items[1:] // the problem is not taken yet
	// The statement page offers the problem to the ledger.
	body := f.get("/statements/1", tok).Body.String()
	link := "/meetings/7/rectify/new?kind=statement&amp;statement=1&amp;anchor=p0-s0-i0#ledger-new"
	if !strings.Contains(body, link) {
		t.Fatalf("statement page lacks the 转入整改台账 link")
	}
	// Without one measure per problem section no measure is guessed.
	body = f.get("/meetings/7/rectify/new?kind=statement&statement=1&anchor=p0-s0-i0", tok).Body.String()
	if !strings.Contains(body, `<textarea name="measures" rows="3" maxlength="4000"></textarea>`) || !strings.Contains(body, "理论学习不系统不深入。学习还不够深入。") {
		t.Error("a measure was guessed without a match")
	}
	team := f.store.statements[0]
	for len(team.Parts[2].Items) < len(team.Parts[0].Sections) {
		team.Parts[2].Items = append(team.Parts[2].Items, &jingzi.Item{Heading: "其他措施。"})
	}
	// The form comes prefilled: aspect, problem, the measure with its target, the owner.
	body = f.get("/meetings/7/rectify/new?kind=statement&statement=1&anchor=p0-s0-i0", tok).Body.String()
	for _, w := range []string{"理论学习不系统不深入。学习还不够深入。", "强化理论武装。全年撰写心得体会不少于XX篇。",
		`name="target-0-text" value="全年撰写心得体会不少于XX篇"`, `name="target-0-unit" value="篇"`, `<details id="ledger-new" open>`,
		"问题来源：对照检查查摆（领导班子对照检查材料第1部分第1节第1条）"} {
		if !strings.Contains(body, w) {
			t.Errorf("prefilled form lacks %q", w)
		}
	}
	form := url.Values{"kind": {"statement"}, "statement": {"1"}, "anchor": {"p0-s0-i0"}, "aspect": {"理论学习"},
		"problem": {"理论学习不系统不深入。"}, "owner_pid": {"2"}, "deadline_kind": {"dated"}, "due": {"2024-06-30"},
		"target-0-text": {"全年撰写心得体会不少于12篇"}, "target-0-quantity": {"12"}, "target-0-unit": {"篇"}}
	rec := f.post("/meetings/7/ledger", tok, form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
	}
	it := f.ledger.items[len(f.ledger.items)-1]
	if it.Source.StatementID != 1 || it.Source.Anchor.Item != 0 || it.Source.Excerpt != "理论学习不系统不深入。学习还不够深入。" ||
		it.OwnerUserID != 17 || it.OwnerName != "李副局长" || len(it.Targets) != 1 || *it.Targets[0].Quantity != 12 {
		t.Errorf("stored item %+v", it)
	}
	// The statement now shows the item instead of the button.
	body = f.get("/statements/1", tok).Body.String()
	if !strings.Contains(body, "已列入整改台账（第3项）") || strings.Contains(body, link) {
		t.Errorf("statement page does not mark the problem as taken")
	}
	// Taking it again is refused with the item named, the input kept.
	form.Set("problem", "再次转入的问题")
	rec = f.post("/meetings/7/ledger", tok, form)
	body = rec.Body.String()
	if rec.Code != http.StatusConflict || !strings.Contains(body, "该问题已列入整改台账（第3项）") ||
		!strings.Contains(body, `href="/ledger/101"`) || !strings.Contains(body, "再次转入的问题") {
		t.Errorf("second take: %d", rec.Code)
	}
	if len(f.ledger.items) != 3 {
		t.Errorf("%d items after the conflict", len(f.ledger.items))
	}
}

func TestLedgerFromMinutesAndOpinion(t *testing.T) {
	f := newFixture(t)
	f.wireLedgerMinutes()
	tok := f.session(t, "organizer")
	body := f.get("/meetings/7/rectify", tok).Body.String()
	for _, w := range []string{"从会议记录导入", "张书记同志对李副局长同志的批评意见", "/meetings/7/rectify/new?kind=criticism&amp;criticism=5#ledger-new",
		"/meetings/7/rectify/new?kind=supervisor#ledger-new"} {
		if !strings.Contains(body, w) {
			t.Errorf("ledger page lacks %q", w)
		}
	}
	rec := f.post("/meetings/7/ledger", tok, url.Values{"kind": {"criticism"}, "criticism": {"5"}, "problem": {"调研少"},
		"owner_pid": {"2"}, "deadline_kind": {"ongoing"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create from criticism: %d", rec.Code)
	}
	it := f.ledger.items[len(f.ledger.items)-1]
	if it.Source.Label != "张书记同志对李副局长同志的批评意见" || it.Source.Excerpt != "调研多在机关，下基层少。" {
		t.Errorf("criticism source %+v", it.Source)
	}
	body = f.get("/meetings/7/rectify", tok).Body.String()
	if strings.Contains(body, "kind=criticism&amp;criticism=5") || !strings.Contains(body, `href="/meetings/7/meeting#criticism-5"`) {
		t.Error("a taken criticism is still offered, or its item does not link to it")
	}
	// An opinion from the solicitation page.
	body = f.get("/solicitations/5", tok).Body.String()
	if !strings.Contains(body, "/meetings/7/rectify/new?kind=opinion&amp;opinion=a1opinionforum#ledger-new") {
		t.Fatal("solicitation page lacks the 转入整改台账 link")
	}
	body = f.get("/meetings/7/rectify/new?kind=opinion&opinion=a1opinionforum", tok).Body.String()
	if !strings.Contains(body, "问题来源：征求意见（座谈会意见，养老服务科）") || !strings.Contains(body, "张书记开会多。") {
		t.Errorf("opinion form not prefilled")
	}
	rec = f.post("/meetings/7/ledger", tok, url.Values{"kind": {"opinion"}, "opinion": {"a1opinionforum"}, "problem": {"张书记开会多。"},
		"owner_pid": {"1"}, "deadline_kind": {"immediate"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create from opinion: %d", rec.Code)
	}
	body = f.get("/solicitations/5", tok).Body.String()
	if !strings.Contains(body, "已列入整改台账（第5项）") {
		t.Error("the taken opinion is not marked")
	}
	if body := f.get("/meetings/7/rectify", tok).Body.String(); !strings.Contains(body, `href="/solicitations/5#opinion-a1opinionforum"`) {
		t.Error("the item does not link to its opinion")
	}
}

func TestLedgerItemEditConflict(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	form := url.Values{"version": {"2"}, "aspect": {"理论学习方面"}, "problem": {"我改过的问题表述"}, "owner_pid": {"2"},
		"deadline_kind": {"dated"}, "due": {"2024-02-20"}, "target-0-text": {"深入基层调研不少于20家"}, "target-0-quantity": {"20"}, "target-0-unit": {"家"}}
	rec := f.post("/ledger/1", tok, form)
	body := rec.Body.String()
	if rec.Code != http.StatusConflict || !strings.Contains(body, "该事项已被他人修改（当前为第3版），您的操作未保存") ||
		!strings.Contains(body, "我改过的问题表述") || f.ledger.items[0].Problem != "理论学习不系统不深入。" {
		t.Fatalf("stale save: %d", rec.Code)
	}
	form.Set("version", "3")
	form.Set("task-0-text", "走访20家企业")
	form.Set("task-0-owner", "办公室")
	if rec := f.post("/ledger/1", tok, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", rec.Code, rec.Body.String())
	}
	if it := f.ledger.items[0]; it.Problem != "我改过的问题表述" || len(it.Tasks) != 1 || it.Tasks[0].Owner != "办公室" || it.Version != 4 {
		t.Errorf("saved item %+v", it)
	}
	form.Set("version", "4")
	form.Set("due", "明年")
	rec = f.post("/ledger/1", tok, form)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "完成时限“明年”无法识别") {
		t.Errorf("bad date: %d", rec.Code)
	}
}

// progressRequest is a multipart progress entry with files.
func progressRequest(t *testing.T, id string, fields map[string]string, files map[string]string) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, content := range files {
		fw, err := mw.CreateFormFile("evidence", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/ledger/"+id+"/progress", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

func TestLedgerProgressUpload(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "li")
	req := progressRequest(t, "1", map[string]string{"version": "3", "on": "2024-02-28", "text": "又走访5家企业", "target": "0", "quantity": "5"},
		map[string]string{"走访记录.txt": "走访记录正文"})
	rec := f.do(req, tok)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("progress: %d %s", rec.Code, rec.Body.String())
	}
	it := f.ledger.items[0]
	if it.Targets[0].Done != 17 || len(f.ledger.uploads) != 1 || f.ledger.uploads[0][0] != "走访记录.txt" {
		t.Errorf("done %d, uploads %v", it.Targets[0].Done, f.ledger.uploads)
	}
	body := f.get("/ledger/1", tok).Body.String()
	for _, w := range []string{"又走访5家企业", "（深入基层调研不少于20家：本次完成5家）", "走访记录.txt", ">17家<"} {
		if !strings.Contains(body, w) {
			t.Errorf("item page lacks %q", w)
		}
	}
	// The file downloads under its name, never sniffed.
	eid := it.Progress[0].Evidence[0].ID
	rec = f.get("/ledger/evidence/"+strconv.FormatInt(eid, 10), tok)
	if rec.Code != http.StatusOK || rec.Body.String() != "走访记录正文" || rec.Header().Get("X-Content-Type-Options") != "nosniff" ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), "filename*=UTF-8''%E8%B5%B0%E8%AE%BF") {
		t.Errorf("download: %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	}
	// A stale form, a file over the limit and a missing date change nothing and keep the text.
	for _, tc := range []struct {
		fields map[string]string
		files  map[string]string
		status int
		msg    string
	}{
		{map[string]string{"version": "3", "on": "2024-02-29", "text": "旧页面提交的进展"}, nil, http.StatusConflict, "该事项已被他人修改"},
		{map[string]string{"version": "4", "on": "", "text": "没有日期的进展"}, nil, http.StatusBadRequest, "请填写进展日期"},
		{map[string]string{"version": "4", "on": "2024-02-29", "text": "数量无目标", "quantity": "3"}, nil, http.StatusBadRequest, "请选择对应的量化目标"},
		{map[string]string{"version": "4", "on": "2024-02-29", "text": "附件太大"}, map[string]string{"big.txt": strings.Repeat("x", maxEvidenceFileBytes+1)},
			http.StatusBadRequest, "超过20 MB"},
	} {
		rec := f.do(progressRequest(t, "1", tc.fields, tc.files), tok)
		body := rec.Body.String()
		if rec.Code != tc.status || !strings.Contains(body, tc.msg) || !strings.Contains(body, tc.fields["text"]) {
			t.Errorf("%s: %d, want %d with %q", tc.fields["text"], rec.Code, tc.status, tc.msg)
		}
	}
	if len(f.ledger.uploads) != 1 {
		t.Errorf("refused entries reached the store: %v", f.ledger.uploads)
	}
	// Someone who may not report sees no form and is refused.
	if body := f.get("/ledger/1", f.session(t, "reviewer")).Body.String(); strings.Contains(body, `id="ledger-progress-form"`) {
		t.Error("a reviewer is offered the progress form")
	}
}

func TestLedgerCloseOutByRole(t *testing.T) {
	f := newFixture(t)
	forms := func(login string, id string) (request, decide, edit bool) {
		body := f.get("/ledger/"+id, f.session(t, login)).Body.String()
		return strings.Contains(body, `id="ledger-request-form"`), strings.Contains(body, `id="ledger-approve-form"`),
			strings.Contains(body, `id="ledger-edit-form"`)
	}
	for _, tt := range []struct {
		login                 string
		request, decide, edit bool
	}{{"li", true, false, false}, {"organizer", true, false, true}, {"reviewer", false, false, false}} {
		if r, d, e := forms(tt.login, "1"); r != tt.request || d != tt.decide || e != tt.edit {
			t.Errorf("%s on an open item: request %v decide %v edit %v", tt.login, r, d, e)
		}
	}
	post := func(login, action, note string, version string) *httptest.ResponseRecorder {
		return f.post("/ledger/1/closeout", f.session(t, login), url.Values{"action": {action}, "version": {version}, "note": {note}})
	}
	if rec := post("li", "request", "已完成", "3"); rec.Code != http.StatusSeeOther {
		t.Fatalf("request: %d", rec.Code)
	}
	if r, d, _ := forms("organizer", "1"); r || !d {
		t.Errorf("organiser on a requested item: request %v decide %v", r, d)
	}
	if r, d, _ := forms("li", "1"); r || d {
		t.Errorf("owner on a requested item: request %v decide %v", r, d)
	}
	if rec := post("organizer", "return", "", "4"); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "请填写退回理由") {
		t.Errorf("return without reasons: %d", rec.Code)
	}
	if rec := post("organizer", "return", "佐证材料不足", "4"); rec.Code != http.StatusSeeOther {
		t.Fatalf("return: %d", rec.Code)
	}
	post("li", "request", "补充了材料", "5")
	approve := url.Values{"action": {"approve"}, "version": {"6"}, "confirm_open": {"1"}} // its target stands at 12/20家
	if rec := f.post("/ledger/1/closeout", f.session(t, "organizer"), approve); rec.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d", rec.Code)
	}
	body := f.get("/ledger/1", f.session(t, "organizer")).Body.String()
	for _, w := range []string{`id="ledger-locked"`, "退回：佐证材料不足", "同意销号", `class="marker marker-green"`} {
		if !strings.Contains(body, w) {
			t.Errorf("closed item lacks %q", w)
		}
	}
	for _, form := range []string{"ledger-edit-form", "ledger-progress-form", "ledger-request-form", "ledger-approve-form", "ledger-delete-form"} {
		if strings.Contains(body, `id="`+form+`"`) {
			t.Errorf("closed item shows %s", form)
		}
	}
}

func TestLedgerExportXLSX(t *testing.T) {
	f := newFixture(t)
	for _, login := range []string{"organizer", "reviewer"} {
		rec := f.get("/meetings/7/ledger.xlsx", f.session(t, login))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", login, rec.Code)
		}
		x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows("整改台账")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rows[0], ","); got != "序号,方面,问题,来源,整改措施,责任领导,责任部门,责任人,时限,进展,状态,佐证材料,销号日期" {
			t.Errorf("header %s", got)
		}
		if len(rows) != 4 {
			t.Fatalf("%d rows", len(rows))
		}
		first := rows[1]
		if first[0] != "1" || first[2] != "理论学习不系统不深入。" || first[5] != "李副局长" || first[8] != "限期整改 2024年2月20日" ||
			!strings.Contains(first[9], "2024年2月1日：走访12家企业") || first[10] != "整改中" || first[11] != "调研报告.pdf" {
			t.Errorf("row 1 %q", first)
		}
		if closed := rows[3]; closed[10] != "已销号" || closed[12] != "2024-02-28" {
			t.Errorf("row 3 %q", closed)
		}
		x.Close()
	}
	rec := f.get("/meetings/7/bulletin.docx", f.session(t, "organizer"))
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "台账共3项，已销号1项") ||
		!strings.Contains(body, "李副局长：逾期1项，第1项“理论学习不系统不深入”") {
		t.Errorf("bulletin: %d %s", rec.Code, body)
	}
	rec = f.get("/meetings/7/rectification-report.docx", f.session(t, "organizer"))
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "量化目标“深入基层调研不少于20家”：已完成12家，计划20家。") {
		t.Errorf("report: %d %s", rec.Code, body)
	}
}
