package sqldb_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// testClock is an adjustable clock for lockout and expiry tests.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// eachDB runs fn against a fresh SQLite database and, when JINGZI_TEST_PG holds
// a DSN, against a fresh PostgreSQL database too: one suite, both drivers.
func eachDB(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, openTestDB(t, filepath.Join(t.TempDir(), "jingzi.db")))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("JINGZI_TEST_PG")
		if dsn == "" {
			t.Skip("JINGZI_TEST_PG 未设置，跳过 PostgreSQL（.ci/run 会启动临时集群并设置它）")
		}
		fn(t, openTestDB(t, createPGDatabase(t, dsn)))
	})
}

func openTestDB(t *testing.T, dsn string) *sqldb.DB {
	t.Helper()
	db := sqldb.NewDB(dsn)
	clock := &testClock{now: time.Date(2022, 1, 10, 9, 0, 0, 0, time.UTC)}
	db.Now = clock.Now
	db.Hasher = sqldb.PasswordHasher{Memory: 64, Time: 1, Threads: 1} // cheap for tests
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clocks.Store(db, clock)
	return db
}

var clocks sync.Map

// clockOf returns the test clock of a DB opened by openTestDB.
func clockOf(db *sqldb.DB) *testClock {
	c, _ := clocks.Load(db)
	return c.(*testClock)
}

// createPGDatabase makes a UTF-8 database of its own for one test and drops it after.
func createPGDatabase(t *testing.T, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	buf := make([]byte, 6)
	rand.Read(buf)
	name := "jz_" + hex.EncodeToString(buf)
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

var sys = jingzi.SystemContext(context.Background(), "测试")

// asUser returns a context acting as u, as the web layer would build it.
func asUser(u *jingzi.User) context.Context {
	return jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{User: u, IP: "192.0.2.7"})
}

// fixture is a small tree: 组织部 → 民政局党委 → 机关党支部, and 人社局党组 beside it.
type fixture struct {
	root, bureau, branch, other *jingzi.Org
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	orgs := sqldb.NewOrgService(db)
	f := &fixture{
		root:   &jingzi.Org{Name: "中共江城市委组织部", Kind: jingzi.OrgDepartment},
		bureau: &jingzi.Org{Name: "中共江城市民政局委员会", Kind: jingzi.OrgCommittee},
		branch: &jingzi.Org{Name: "市民政局机关第一党支部", Kind: jingzi.OrgBranch},
		other:  &jingzi.Org{Name: "中共江城市人力资源和社会保障局党组", Kind: jingzi.OrgLeadGroup},
	}
	mustCreateOrg(t, orgs, f.root, 0)
	mustCreateOrg(t, orgs, f.bureau, f.root.ID)
	mustCreateOrg(t, orgs, f.branch, f.bureau.ID)
	mustCreateOrg(t, orgs, f.other, f.root.ID)
	return f
}

func mustCreateOrg(t *testing.T, s *sqldb.OrgService, o *jingzi.Org, parent int64) {
	t.Helper()
	o.ParentID = parent
	if err := s.CreateOrg(sys, o); err != nil {
		t.Fatal(err)
	}
}

const testPassword = "Jingzi@2022"

func mustCreateUser(t *testing.T, db *sqldb.DB, login string, org *jingzi.Org, grants ...jingzi.Grant) *jingzi.User {
	t.Helper()
	u := &jingzi.User{Login: login, Name: "测试" + login, OrgID: org.ID, Grants: grants}
	if err := sqldb.NewUserService(db).CreateUser(sys, u, testPassword); err != nil {
		t.Fatal(err)
	}
	u, err := sqldb.NewUserService(db).FindUserByID(sys, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func grant(r jingzi.Role, o *jingzi.Org) jingzi.Grant { return jingzi.Grant{Role: r, OrgID: o.ID} }
