package sqldb_test

import (
	"context"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// The dashboard counts the 整改台账 as the ledger colours it at the filter's
// Now — closed items, overdue ones and those not started 30 days after they
// were recorded — and takes the 情况报告's days and sending from the minutes.
func TestSupervisionLedgerAndReport(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newTalkFixture(t, db)
		other := seedSupervision(t, db, f)
		ctx := context.Background()
		d := func(m time.Month, day int) time.Time { return time.Date(2024, m, day, 0, 0, 0, 0, time.UTC) }
		items := []struct {
			status, kind string
			due          any
			created      time.Time
		}{
			{"closed", "dated", d(1, 10), d(1, 2)}, // 已销号, even though its date passed
			{"doing", "dated", d(2, 1), d(1, 5)},   // overdue from 2 February
			{"open", "ongoing", nil, d(1, 1)},      // not started: red from 31 January
			{"doing", "immediate", nil, d(2, 20)},  // 立行立改 without a date: due 21 March
			{"requested", "ongoing", nil, d(1, 1)}, // waiting for 销号: yellow
			{"open", "dated", d(4, 1), d(2, 25)},   // recorded lately
		}
		for i, it := range items {
			if err := db.ExecRaw(ctx, `INSERT INTO ledger_items (meeting_id, seq, problem, source_kind, owner_name, deadline_kind,
				due, status, created_at, updated_at) VALUES (?, ?, '问题', 'manual', '王建国', ?, ?, ?, ?, ?)`,
				f.meeting.ID, i+1, it.kind, it.due, it.status, it.created, it.created); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.ExecRaw(ctx, `UPDATE meetings SET meeting_date = ? WHERE id IN (?, ?)`, d(1, 20), f.meeting.ID, other.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecRaw(ctx, `INSERT INTO meeting_minutes (meeting_id, report_days, report_sent_on, updated_at) VALUES (?, 20, ?, ?)`,
			f.meeting.ID, d(2, 5), d(1, 20)); err != nil {
			t.Fatal(err)
		}
		svc := sqldb.NewSupervisionService(db)
		tests := []struct {
			name                   string
			now                    time.Time
			items, closed, overdue int
			bureauLate, otherLate  bool
		}{
			{"before anything is due", d(1, 25), 6, 1, 0, false, false},
			{"in March: one overdue, one not started", d(3, 1), 6, 1, 2, false, true},
			{"on 23 March the 立行立改 item is late too", d(3, 23), 6, 1, 3, false, true},
			{"in April the last item has not started", d(4, 1), 6, 1, 4, false, true},
		}
		for _, tt := range tests {
			rows, _, err := svc.SupervisionRows(asUser(f.reviewer), jingzi.SupervisionFilter{Now: tt.now})
			if err != nil || len(rows) != 2 {
				t.Fatal(rows, err)
			}
			bureau, team := rows[0], rows[1]
			if bureau.MeetingID != f.meeting.ID {
				bureau, team = team, bureau
			}
			if bureau.LedgerItems != tt.items || bureau.LedgerClosed != tt.closed || bureau.LedgerOverdue != tt.overdue {
				t.Errorf("%s: ledger %d/%d/%d, want %d items, %d closed, %d red", tt.name,
					bureau.LedgerItems, bureau.LedgerClosed, bureau.LedgerOverdue, tt.items, tt.closed, tt.overdue)
			}
			if team.LedgerItems != 0 || team.LedgerOverdue != 0 {
				t.Errorf("%s: the other team's empty ledger counts %d items", tt.name, team.LedgerItems)
			}
			if bureau.ReportDueOverdue(tt.now) != tt.bureauLate || team.ReportDueOverdue(tt.now) != tt.otherLate {
				t.Errorf("%s: 情况报告 late %v / %v, want %v / %v", tt.name, bureau.ReportDueOverdue(tt.now),
					team.ReportDueOverdue(tt.now), tt.bureauLate, tt.otherLate)
			}
		}
		rows, _, err := svc.SupervisionRows(asUser(f.reviewer), jingzi.SupervisionFilter{Now: d(3, 1), OverdueOnly: true, Sort: "ledgeroverdue", Desc: true})
		if err != nil || len(rows) != 2 || rows[0].MeetingID != f.meeting.ID {
			t.Fatalf("overdue rows by red items: %v %v", rows, err)
		}
		b := rows[0]
		if !b.ReportSent || b.ReportDays != 20 || jingzi.FormatDate(*b.ReportDue()) != "2024年2月9日" {
			t.Errorf("bureau report: sent %v, %d days, due %v; want sent, 20 days, due 2024年2月9日", b.ReportSent, b.ReportDays, b.ReportDue())
		}
		if o := rows[1]; o.ReportSent || o.ReportDays != 0 || jingzi.FormatDate(*o.ReportDue()) != "2024年2月4日" {
			t.Errorf("other report: sent %v, %d days, due %v; want not sent, the default 15 days", o.ReportSent, o.ReportDays, o.ReportDue())
		}
	})
}
