package sqldb_test

import (
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

func TestOrgTree(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		orgs := sqldb.NewOrgService(db)

		list, total, err := orgs.FindOrgs(sys, jingzi.OrgFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{f.root.Name, f.bureau.Name, f.branch.Name, f.other.Name}
		if total != len(want) {
			t.Fatalf("total = %d, want %d", total, len(want))
		}
		for i, o := range list {
			if o.Name != want[i] {
				t.Errorf("tree order [%d] = %s, want %s", i, o.Name, want[i])
			}
		}
		if list[2].Depth != 2 {
			t.Errorf("branch depth = %d, want 2", list[2].Depth)
		}
	})
}

// Moving an org carries its subtree along, and an org cannot move under itself.
func TestOrgMove(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		orgs := sqldb.NewOrgService(db)
		if _, err := orgs.UpdateOrg(sys, f.bureau.ID, jingzi.OrgUpdate{ParentID: &f.branch.ID}); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Fatalf("move under own child: err = %v, want EINVALID", err)
		}
		if _, err := orgs.UpdateOrg(sys, f.bureau.ID, jingzi.OrgUpdate{ParentID: &f.other.ID}); err != nil {
			t.Fatal(err)
		}
		branch, err := orgs.FindOrgByID(sys, f.branch.ID)
		if err != nil {
			t.Fatal(err)
		}
		other, _ := orgs.FindOrgByID(sys, f.other.ID)
		if !branch.IsWithin(other) || branch.Depth != 3 {
			t.Fatalf("branch path %s not under %s after move", branch.Path, other.Path)
		}
	})
}

// A sysadmin of one bureau manages that bureau's subtree only; other roles see
// the tree but change nothing.
func TestOrgPermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		orgs := sqldb.NewOrgService(db)
		admin := mustCreateUser(t, db, "admin1", f.bureau, grant(jingzi.RoleSysadmin, f.bureau))
		organizer := mustCreateUser(t, db, "dangban", f.bureau, grant(jingzi.RoleOrganizer, f.bureau))
		name := "市民政局机关第二党支部"

		child := &jingzi.Org{Name: name, Kind: jingzi.OrgBranch, ParentID: f.bureau.ID}
		if err := orgs.CreateOrg(asUser(admin), child); err != nil {
			t.Fatalf("admin creates in own subtree: %v", err)
		}
		if err := orgs.CreateOrg(asUser(admin), &jingzi.Org{Name: name, Kind: jingzi.OrgBranch, ParentID: f.other.ID}); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("admin creates under another bureau: err = %v, want EFORBIDDEN", err)
		}
		if _, err := orgs.FindOrgByID(asUser(admin), f.other.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("admin sees another bureau: err = %v, want ENOTFOUND", err)
		}
		newName := "改名"
		if _, err := orgs.UpdateOrg(asUser(organizer), f.branch.ID, jingzi.OrgUpdate{Name: &newName}); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("organiser renames an org: err = %v, want EFORBIDDEN", err)
		}
		list, _, err := orgs.FindOrgs(asUser(organizer), jingzi.OrgFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 {
			t.Errorf("organiser of the bureau sees %d orgs, want 3 (bureau and its two branches)", len(list))
		}
	})
}

// Archived orgs drop out of listings and their grants stop working.
func TestOrgArchive(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		orgs := sqldb.NewOrgService(db)
		yes := true
		if _, err := orgs.UpdateOrg(sys, f.branch.ID, jingzi.OrgUpdate{Archived: &yes}); err != nil {
			t.Fatal(err)
		}
		list, _, _ := orgs.FindOrgs(sys, jingzi.OrgFilter{})
		for _, o := range list {
			if o.ID == f.branch.ID {
				t.Fatal("archived org still listed")
			}
		}
		list, _, _ = orgs.FindOrgs(sys, jingzi.OrgFilter{IncludeArchived: true})
		if len(list) != 4 {
			t.Fatalf("with archived: %d orgs, want 4", len(list))
		}
	})
}
