package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jingzi"
)

// TestLedgerApproveWithOpenWork: the decider of a 销号 request sees what is
// still open and must confirm it; without the checkbox nothing is closed.
func TestLedgerApproveWithOpenWork(t *testing.T) {
	tests := []struct {
		name    string
		tasks   []*jingzi.LedgerTask
		done    int // of the target's 20家
		warning string
	}{
		{"tasks and target open", []*jingzi.LedgerTask{{ID: 1, Text: "走访企业"}, {ID: 2, Text: "形成报告"}, {ID: 3, Text: "制定计划", Done: true}}, 12,
			"尚有2项任务未完成；目标“深入基层调研”完成12/20家。"},
		{"only the target open", []*jingzi.LedgerTask{{ID: 1, Text: "走访企业", Done: true}}, 19, "目标“深入基层调研”完成19/20家。"},
		{"everything done", []*jingzi.LedgerTask{{ID: 1, Text: "走访企业", Done: true}}, 20, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			it := f.ledger.items[0]
			it.Tasks, it.Targets[0].Done, it.Status = tt.tasks, tt.done, jingzi.LedgerRequested
			org := f.session(t, "organizer")
			body := f.get("/ledger/1", org).Body.String()
			if tt.warning == "" {
				if strings.Contains(body, `id="ledger-outstanding"`) || strings.Contains(body, `name="confirm_open"`) {
					t.Error("a warning is shown although everything is done")
				}
			} else if !strings.Contains(body, `<p class="ledger-outstanding" role="alert" id="ledger-outstanding">`+tt.warning+`</p>`) ||
				!strings.Contains(body, `name="confirm_open" value="1" required`) {
				t.Errorf("the approve form lacks the warning %q and the confirmation", tt.warning)
			}
			// The owner, who cannot decide, is not shown the decider's warning.
			if body := f.get("/ledger/1", f.session(t, "li")).Body.String(); strings.Contains(body, `id="ledger-outstanding"`) {
				t.Error("the owner sees the decider's warning")
			}
			form := url.Values{"action": {"approve"}, "version": {"3"}}
			rec := f.post("/ledger/1/closeout", org, form)
			if tt.warning != "" {
				if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tt.warning+"如确需销号，请勾选") ||
					it.Status != jingzi.LedgerRequested || len(f.ledger.closeOps) != 0 {
					t.Fatalf("approve without confirmation: %d, status %s, %d steps", rec.Code, it.Status, len(f.ledger.closeOps))
				}
				form.Set("confirm_open", "1")
				rec = f.post("/ledger/1/closeout", org, form)
			}
			if rec.Code != http.StatusSeeOther || it.Status != jingzi.LedgerClosed {
				t.Errorf("approve: %d, status %s", rec.Code, it.Status)
			}
		})
	}
}
