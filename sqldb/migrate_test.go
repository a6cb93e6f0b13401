package sqldb_test

import (
	"context"
	"testing"

	"jingzi/sqldb"
)

// An empty database migrates to the newest schema on both drivers, and running
// the migrations again changes nothing.
func TestMigrateEmptyDatabase(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		v, err := db.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		} else if v < 1 {
			t.Fatalf("schema version = %d, want ≥ 1", v)
		}
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		if v2, _ := db.SchemaVersion(context.Background()); v2 != v {
			t.Fatalf("version changed from %d to %d on a second migrate", v, v2)
		}
	})
}
