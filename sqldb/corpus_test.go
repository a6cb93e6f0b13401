package sqldb_test

import (
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// Templates serve their org's subtree: a bureau's statements are checked
// against the bureau's and the 组织部's templates, not another bureau's.
func TestCorpus(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		svc := sqldb.NewCorpusService(db)
		zzb := mustCreateUser(t, db, "zzbdb", f.root, grant(jingzi.RoleOrganizer, f.root))
		bureau := mustCreateUser(t, db, "dangban", f.bureau, grant(jingzi.RoleOrganizer, f.bureau))
		member := mustCreateUser(t, db, "member", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
		sketch := []byte{1, 2, 3, 0, 255}
		for _, c := range []struct {
			u   *jingzi.User
			org *jingzi.Org
		}{{zzb, f.root}, {bureau, f.bureau}, {zzb, f.other}} {
			d := &jingzi.CorpusDoc{OrgID: c.org.ID, Title: "范文（" + c.org.Name + "）", Text: "一是理论学习不系统。", Sketch: sketch}
			if err := svc.AddCorpusDoc(asUser(c.u), d); err != nil {
				t.Fatal(err)
			}
		}
		if err := svc.AddCorpusDoc(asUser(member), &jingzi.CorpusDoc{OrgID: f.bureau.ID, Title: "x", Text: "y", Sketch: sketch}); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("participant adds a template: %v", err)
		}
		if err := svc.AddCorpusDoc(asUser(bureau), &jingzi.CorpusDoc{OrgID: f.bureau.ID, Title: "空", Text: " ", Sketch: sketch}); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("empty template: %v", err)
		}
		list, n, err := svc.FindCorpusDocs(sys, jingzi.CorpusFilter{ForOrg: &f.branch.ID, WithText: true})
		if err != nil || n != 2 || list[0].Text == "" || string(list[1].Sketch) != string(sketch) {
			t.Fatalf("templates for the branch: %d, %v", n, err)
		}
		if _, n, _ := svc.FindCorpusDocs(asUser(bureau), jingzi.CorpusFilter{}); n != 1 {
			t.Errorf("the bureau's organiser sees %d templates, want its own 1", n)
		}
		if err := svc.DeleteCorpusDoc(asUser(bureau), list[0].ID); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("bureau deletes the 组织部's template: %v", err)
		}
		if err := svc.DeleteCorpusDoc(asUser(zzb), list[0].ID); err != nil {
			t.Fatal(err)
		}
	})
}
