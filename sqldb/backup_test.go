package sqldb_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// A backup taken while another goroutine keeps writing is consistent, passes the
// integrity check, and restores to a database that holds exactly what the backup held.
func TestBackupRestoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "jingzi.db")
	db := openTestDB(t, dbPath)
	f := newFixture(t, db)
	orgs := sqldb.NewOrgService(db)

	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			o := &jingzi.Org{Name: fmt.Sprintf("第%d党支部", i), Kind: jingzi.OrgBranch, ParentID: f.bureau.ID}
			if err := orgs.CreateOrg(sys, o); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	stopped := false
	stopWriter := func() {
		if !stopped {
			stopped = true
			close(stop)
			wg.Wait()
		}
	}
	defer stopWriter()
	for written.Load() < 20 {
		time.Sleep(time.Millisecond)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	stopWriter()
	if err := db.Backup(context.Background(), backup); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
		t.Errorf("backup over an existing file: %v, want ECONFLICT", err)
	}

	inBackup := countOrgsIn(t, backup)
	total := countOrgsIn(t, dbPath)
	if inBackup < 4+20 || inBackup > total {
		t.Fatalf("backup holds %d orgs; at least %d were written before it and %d in the end", inBackup, 24, total)
	}

	unlock, err := sqldb.LockDatabase(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.LockDatabase(dbPath); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
		t.Errorf("second lock: %v, want ECONFLICT", err)
	}
	unlock()
	db.Close()

	kept, err := sqldb.RestoreSQLite(backup, dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := countOrgsIn(t, dbPath); got != inBackup {
		t.Errorf("restored database holds %d orgs, want %d", got, inBackup)
	}
	if got := countOrgsIn(t, kept); got != total {
		t.Errorf("kept copy of the replaced database holds %d orgs, want %d", got, total)
	}
}

// A damaged or foreign file is refused before anything is replaced.
func TestRestoreRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "jingzi.db")
	db := openTestDB(t, dbPath)
	newFixture(t, db)
	db.Close()
	before := countOrgsIn(t, dbPath)

	notDB := filepath.Join(dir, "note.txt")
	os.WriteFile(notDB, []byte("这不是数据库"), 0o600)
	good := filepath.Join(dir, "good.db")
	db2 := openTestDB(t, filepath.Join(dir, "src.db"))
	newFixture(t, db2)
	if err := db2.Backup(context.Background(), good); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(good)
	for i := 4096; i < len(data) && i < 4096*3; i++ {
		data[i] ^= 0x5a
	}
	corrupt := filepath.Join(dir, "corrupt.db")
	os.WriteFile(corrupt, data, 0o600)

	for _, bad := range []string{notDB, corrupt, filepath.Join(dir, "missing.db")} {
		if _, err := sqldb.RestoreSQLite(bad, dbPath, time.Now()); err == nil {
			t.Errorf("restore from %s succeeded", filepath.Base(bad))
		}
		if got := countOrgsIn(t, dbPath); got != before {
			t.Fatalf("after refused restore from %s: %d orgs, want %d", filepath.Base(bad), got, before)
		}
	}
}

func countOrgsIn(t *testing.T, path string) int {
	t.Helper()
	db := sqldb.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, _, err := sqldb.NewOrgService(db).FindOrgs(sys, jingzi.OrgFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}
