package sqldb_test

import (
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

func TestUserCreateAndPasswords(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		users := sqldb.NewUserService(db)
		auth := sqldb.NewAuthService(db)
		u := mustCreateUser(t, db, "zhangw", f.bureau, grant(jingzi.RoleParticipant, f.bureau))

		dup := &jingzi.User{Login: " ZhangW ", Name: "张伟", OrgID: f.bureau.ID}
		if err := users.CreateUser(sys, dup, testPassword); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("duplicate login in other case: %v, want ECONFLICT", err)
		}
		weak := &jingzi.User{Login: "weak", Name: "弱密码", OrgID: f.bureau.ID}
		for _, pw := range []string{"short1A", "alllowercase1", "NoDigitsHere"} {
			if err := users.CreateUser(sys, weak, pw); jingzi.ErrorCode(err) != jingzi.EINVALID {
				t.Errorf("password %q accepted: %v", pw, err)
			}
		}
		if err := users.ChangePassword(asUser(u), "bad-old", "Another#2022"); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("change with wrong old password: %v", err)
		}
		if err := users.ChangePassword(asUser(u), testPassword, "Another#2022"); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.Authenticate(sys, "zhangw", "Another#2022"); err != nil {
			t.Errorf("login with new password: %v", err)
		}
		if err := users.ResetPassword(sys, u.ID, "Reset#20220"); err != nil {
			t.Fatal(err)
		}
		got, _ := users.FindUserByID(sys, u.ID)
		if !got.MustChangePassword {
			t.Error("after an admin reset the user must change the password")
		}
	})
}

// An administrator manages accounts of its subtree only, and cannot hand out a
// role at an org outside it.
func TestUserPermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		users := sqldb.NewUserService(db)
		admin := mustCreateUser(t, db, "admin1", f.bureau, grant(jingzi.RoleSysadmin, f.bureau))
		outsider := mustCreateUser(t, db, "outsider", f.other, grant(jingzi.RoleParticipant, f.other))
		ctx := asUser(admin)

		u := &jingzi.User{Login: "newbie", Name: "新人", OrgID: f.branch.ID, Grants: []jingzi.Grant{grant(jingzi.RoleReviewer, f.root)}}
		if err := users.CreateUser(ctx, u, testPassword); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("grant at a superior org: %v, want EFORBIDDEN", err)
		}
		u.Grants = []jingzi.Grant{grant(jingzi.RoleParticipant, f.branch)}
		if err := users.CreateUser(ctx, u, testPassword); err != nil {
			t.Fatal(err)
		}
		if _, err := users.FindUserByID(ctx, outsider.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("admin reads account of another bureau: %v, want ENOTFOUND", err)
		}
		yes := true
		if _, err := users.UpdateUser(ctx, outsider.ID, jingzi.UserUpdate{Disabled: &yes}); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("admin disables account of another bureau: %v, want ENOTFOUND", err)
		}
		list, total, err := users.FindUsers(ctx, jingzi.UserFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(list) != 2 {
			t.Errorf("admin lists %d accounts, want 2 (self and newbie)", total)
		}
		if _, err := users.FindUserByID(asUser(outsider), outsider.ID); err != nil {
			t.Errorf("a user reads their own account: %v", err)
		}
	})
}
