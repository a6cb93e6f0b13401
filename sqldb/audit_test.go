package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// Every state change made through the services leaves one audit entry naming
// who, what and on which object; only the auditor reads them; the database
// refuses to change or delete an entry.
func TestAuditEveryChange(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		admin := mustCreateUser(t, db, "admin1", f.root, grant(jingzi.RoleSysadmin, f.root))
		auditor := mustCreateUser(t, db, "auditor", f.root, grant(jingzi.RoleAuditor, f.root))
		sec := mustCreateUser(t, db, "sec", f.root, grant(jingzi.RoleSecadmin, f.root))
		ctx := asUser(admin)
		orgs, users, auth := sqldb.NewOrgService(db), sqldb.NewUserService(db), sqldb.NewAuthService(db)
		meetings := sqldb.NewMeetingService(db)
		organizer := mustCreateUser(t, db, "dangban", f.bureau, grant(jingzi.RoleOrganizer, f.bureau))
		fw, _ := jingzi.BuiltinFramework("2021")
		name, yes := "新名称", true

		changes := []struct {
			action string
			do     func() error
		}{
			{"org.create", func() error {
				return orgs.CreateOrg(ctx, &jingzi.Org{Name: "新支部", Kind: jingzi.OrgBranch, ParentID: f.bureau.ID})
			}},
			{"org.update", func() error { _, err := orgs.UpdateOrg(ctx, f.branch.ID, jingzi.OrgUpdate{Name: &name}); return err }},
			{"user.create", func() error {
				return users.CreateUser(ctx, &jingzi.User{Login: "u9", Name: "某", OrgID: f.branch.ID}, testPassword)
			}},
			{"user.update", func() error {
				_, err := users.UpdateUser(ctx, organizer.ID, jingzi.UserUpdate{Name: &name})
				return err
			}},
			{"user.password_reset", func() error { return users.ResetPassword(ctx, organizer.ID, "Reset#20220") }},
			{"user.password_change", func() error { return users.ChangePassword(asUser(admin), testPassword, "Changed#2022") }},
			{"security.policy_update", func() error {
				return auth.UpdateSecurityPolicy(asUser(sec), jingzi.DefaultSecurityPolicy())
			}},
			{"meeting.create", func() error {
				return meetings.CreateMeeting(asUser(organizer), &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2021,
					Kind: jingzi.KindDemocratic, Title: "2021年度专题民主生活会", Framework: fw})
			}},
			{"user.update", func() error {
				_, err := users.UpdateUser(ctx, organizer.ID, jingzi.UserUpdate{Disabled: &yes})
				return err
			}},
		}
		for _, c := range changes {
			before := countAudit(t, db, auditor)
			if err := c.do(); err != nil {
				t.Fatalf("%s: %v", c.action, err)
			}
			entries, _, err := sqldb.NewAuditService(db).FindAuditEntries(asUser(auditor), jingzi.AuditFilter{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if after := countAudit(t, db, auditor); after != before+1 {
				t.Errorf("%s wrote %d audit entries, want 1", c.action, after-before)
			}
			if e := entries[0]; e.Action != c.action || e.ActorName == "" || e.At.IsZero() || e.Outcome != jingzi.OutcomeSuccess {
				t.Errorf("%s: newest entry %+v", c.action, e)
			}
		}
		if _, _, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, jingzi.AuditFilter{}); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("sysadmin reads the audit log: %v, want EFORBIDDEN", err)
		}
		if err := db.ExecRaw(context.Background(), `UPDATE audit_log SET actor_name = 'x'`); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("UPDATE audit_log: %v, want refused", err)
		}
		if err := db.ExecRaw(context.Background(), `DELETE FROM audit_log`); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("DELETE FROM audit_log: %v, want refused", err)
		}
	})
}

func countAudit(t *testing.T, db *sqldb.DB, auditor *jingzi.User) int {
	t.Helper()
	_, n, err := sqldb.NewAuditService(db).FindAuditEntries(asUser(auditor), jingzi.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
