package sqldb_test

import (
	"context"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// Five failures lock the login for 30 minutes; case, width and white-space
// variants of the login share the same counter and the same lock, and the right
// password does not get through while locked.
func TestLockoutCannotBeBypassed(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		mustCreateUser(t, db, "wangjg", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
		auth := sqldb.NewAuthService(db)
		ctx := context.Background()

		variants := []string{"wangjg", "WANGJG", " wangjg ", "ｗａｎｇｊｇ", "Wang\u200bJG"}
		for i := 0; i < 4; i++ {
			if _, err := auth.Authenticate(ctx, variants[i], "wrong-Password1"); jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
				t.Fatalf("failure %d: err = %v, want EUNAUTHORIZED", i+1, err)
			}
		}
		if _, err := auth.Authenticate(ctx, variants[4], "wrong-Password1"); jingzi.ErrorCode(err) != jingzi.ELOCKED {
			t.Fatalf("fifth failure: err = %v, want ELOCKED", err)
		}
		for _, v := range variants {
			if _, err := auth.Authenticate(ctx, v, testPassword); jingzi.ErrorCode(err) != jingzi.ELOCKED {
				t.Errorf("right password as %q while locked: err = %v, want ELOCKED", v, err)
			}
		}
		clockOf(db).Add(29 * time.Minute)
		if _, err := auth.Authenticate(ctx, "wangjg", testPassword); jingzi.ErrorCode(err) != jingzi.ELOCKED {
			t.Errorf("after 29 minutes: err = %v, want still locked", err)
		}
		clockOf(db).Add(2 * time.Minute)
		if u, err := auth.Authenticate(ctx, "WangJG", testPassword); err != nil || u.Login != "wangjg" {
			t.Fatalf("after 31 minutes: %v, %v", u, err)
		}
	})
}

// A lock on a login that does not exist behaves the same, so the lock reveals
// nothing; the security administrator can unlock.
func TestLockoutUnknownLoginAndUnlock(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		sec := mustCreateUser(t, db, "secadmin", f.root, grant(jingzi.RoleSecadmin, f.root))
		admin := mustCreateUser(t, db, "sysadmin", f.root, grant(jingzi.RoleSysadmin, f.root))
		auth := sqldb.NewAuthService(db)
		var err error
		for i := 0; i < 5; i++ {
			_, err = auth.Authenticate(context.Background(), "nobody", "x")
		}
		if jingzi.ErrorCode(err) != jingzi.ELOCKED {
			t.Fatalf("unknown login after 5 failures: %v, want ELOCKED", err)
		}
		if err := auth.Unlock(asUser(admin), "nobody"); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("sysadmin unlocks: %v, want EFORBIDDEN (三权分立)", err)
		}
		if err := auth.Unlock(asUser(sec), "NOBODY"); err != nil {
			t.Fatalf("secadmin unlocks: %v", err)
		}
		if _, err := auth.Authenticate(context.Background(), "nobody", "x"); jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
			t.Errorf("after unlock: %v, want EUNAUTHORIZED", err)
		}
	})
}

// A session ends after 30 idle minutes; activity keeps it alive; each login gets
// a new id; logout ends it.
func TestSessionExpiry(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		u := mustCreateUser(t, db, "liuhm", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
		auth := sqldb.NewAuthService(db)
		ctx := context.Background()
		clock := clockOf(db)

		s1, err := auth.CreateSession(ctx, u.ID, f.bureau.ID)
		if err != nil {
			t.Fatal(err)
		}
		s2, _ := auth.CreateSession(ctx, u.ID, f.bureau.ID)
		if s1.Token == s2.Token || len(s1.Token) < 40 {
			t.Fatalf("session ids not fresh and long: %q %q", s1.Token, s2.Token)
		}
		clock.Add(20 * time.Minute)
		if got, err := auth.FindSession(ctx, s1.Token); err != nil || got.User.ID != u.ID {
			t.Fatalf("after 20 minutes: %v", err)
		}
		clock.Add(20 * time.Minute) // 40 minutes since login, 20 since last seen
		if _, err := auth.FindSession(ctx, s1.Token); err != nil {
			t.Fatalf("active session expired: %v", err)
		}
		if _, err := auth.FindSession(ctx, s2.Token); jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
			t.Errorf("idle session after 40 minutes: %v, want EUNAUTHORIZED", err)
		}
		clock.Add(31 * time.Minute)
		if _, err := auth.FindSession(ctx, s1.Token); jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
			t.Errorf("after 31 idle minutes: %v, want EUNAUTHORIZED", err)
		}
		s3, _ := auth.CreateSession(ctx, u.ID, f.bureau.ID)
		if err := auth.DeleteSession(ctx, s3.Token); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.FindSession(ctx, s3.Token); jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
			t.Errorf("after logout: %v, want EUNAUTHORIZED", err)
		}
	})
}

func TestSecurityPolicy(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		sec := mustCreateUser(t, db, "secadmin", f.root, grant(jingzi.RoleSecadmin, f.root))
		auth := sqldb.NewAuthService(db)
		p := jingzi.DefaultSecurityPolicy()
		p.MaxFailedLogins = 2
		if err := auth.UpdateSecurityPolicy(asUser(sec), p); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("policy below the floor: %v, want EINVALID", err)
		}
		p.MaxFailedLogins, p.IdleTimeout = 3, 15*time.Minute
		if err := auth.UpdateSecurityPolicy(asUser(sec), p); err != nil {
			t.Fatal(err)
		}
		got, err := auth.FindSecurityPolicy(context.Background())
		if err != nil || got != p {
			t.Fatalf("policy = %+v, %v; want %+v", got, err, p)
		}
		for i := 0; i < 2; i++ {
			auth.Authenticate(context.Background(), "x1", "y")
		}
		if _, err := auth.Authenticate(context.Background(), "x1", "y"); jingzi.ErrorCode(err) != jingzi.ELOCKED {
			t.Errorf("third failure under a limit of 3: %v, want ELOCKED", err)
		}
	})
}
