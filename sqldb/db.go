// Package sqldb implements jingzi's services on database/sql for SQLite
// (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx). The SQL is
// hand-written and portable: queries use ? placeholders, rebound to $n for
// PostgreSQL, and branch on the dialect only where the syntax differs.
package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect of the database behind a DB.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

// DefaultDSN is where jingzi keeps its data when nothing is configured.
const DefaultDSN = "data/jingzi.db"

// DB is a connection to the database. For SQLite it keeps one writer connection
// (writes are serialised in the process, so no transaction ever meets SQLITE_BUSY
// on upgrade) and a pool of readers that WAL lets run beside it.
type DB struct {
	DSN     string
	Dialect Dialect
	// Path is the SQLite file, "" for PostgreSQL.
	Path string

	write *sql.DB
	read  *sql.DB

	// batch is the group commit of anonymous submissions (batch.go).
	batch        *batcher
	batchOnce    sync.Once
	batchMu      sync.Mutex
	batchStopped bool

	// Now is the clock; tests inject one to exercise lockouts and session expiry.
	Now func() time.Time
	// Hasher hashes passwords; tests use cheaper parameters.
	Hasher PasswordHasher
}

// NewDB returns a DB for the DSN: "postgres://…" or "postgresql://…" selects
// PostgreSQL, anything else is a SQLite file path.
func NewDB(dsn string) *DB {
	if dsn == "" {
		dsn = DefaultDSN
	}
	db := &DB{DSN: dsn, Now: time.Now, Hasher: DefaultPasswordHasher()}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.Dialect = Postgres
	} else {
		db.Path = strings.TrimPrefix(dsn, "file:")
		if i := strings.IndexByte(db.Path, '?'); i >= 0 {
			db.Path = db.Path[:i]
		}
	}
	return db
}

// Open connects and applies pending migrations.
func (db *DB) Open() error {
	if err := db.connect(); err != nil {
		return err
	}
	if err := db.Migrate(context.Background()); err != nil {
		db.Close()
		return err
	}
	if err := db.syncBuiltinFrameworks(context.Background()); err != nil {
		db.Close()
		return err
	}
	return nil
}

// connect opens the pools without migrating.
func (db *DB) connect() (err error) {
	if db.Dialect == Postgres {
		if db.write, err = sql.Open("pgx", db.DSN); err != nil {
			return fmt.Errorf("open postgres: %w", err)
		}
		db.write.SetMaxOpenConns(20)
		db.read = db.write
		return db.write.Ping()
	}
	if dir := filepath.Dir(db.Path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("create data directory: %w", err)
		}
	}
	if db.write, err = sql.Open("sqlite", sqliteDSN(db.Path, true)); err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	db.write.SetMaxOpenConns(1)
	if err := db.write.Ping(); err != nil {
		db.write.Close()
		return fmt.Errorf("open sqlite %s: %w", db.Path, err)
	}
	if db.read, err = sql.Open("sqlite", sqliteDSN(db.Path, false)); err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	db.read.SetMaxOpenConns(8)
	return nil
}

// sqliteDSN sets the pragmas every connection needs: WAL, foreign keys, a busy
// timeout and synchronous=FULL so that nothing acknowledged is lost.
func sqliteDSN(path string, writer bool) string {
	q := "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=busy_timeout(10000)&_time_format=sqlite"
	if writer {
		q += "&_txlock=immediate"
	} else {
		q += "&_pragma=query_only(1)"
	}
	return "file:" + path + q
}

// Close stops the group commit and closes the pools.
func (db *DB) Close() error {
	db.stopBatcher()
	var err error
	if db.read != nil && db.read != db.write {
		err = db.read.Close()
	}
	if db.write != nil {
		if e := db.write.Close(); e != nil {
			err = e
		}
	}
	return err
}

// rebind turns ? placeholders into $1, $2… for PostgreSQL. Queries never carry a
// literal question mark.
func (db *DB) rebind(q string) string {
	if db.Dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tx is a transaction with the request's context, the time it started and the
// DB's dialect, so that helpers taking a *Tx compose.
type Tx struct {
	*sql.Tx
	db  *DB
	ctx context.Context
	now time.Time
	// write marks a read-write transaction: findMeetingByID refuses to load an
	// archived meeting in one, so no write path can change it (archive.go).
	write bool
}

// BeginTx starts a read-write transaction.
func (db *DB) BeginTx(ctx context.Context) (*Tx, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, db: db, ctx: ctx, now: db.Now().UTC().Truncate(time.Millisecond), write: true}, nil
}

// beginRead starts a read-only transaction on the reader pool.
func (db *DB) beginRead(ctx context.Context) (*Tx, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: db.Dialect == Postgres})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return &Tx{Tx: tx, db: db, ctx: ctx, now: db.Now().UTC().Truncate(time.Millisecond)}, nil
}

func (tx *Tx) exec(q string, args ...any) (sql.Result, error) {
	return tx.Tx.ExecContext(tx.ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) query(q string, args ...any) (*sql.Rows, error) {
	return tx.Tx.QueryContext(tx.ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) queryRow(q string, args ...any) *sql.Row {
	return tx.Tx.QueryRowContext(tx.ctx, tx.db.rebind(q), args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insert(q string, args ...any) (int64, error) {
	var id int64
	err := tx.queryRow(q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// isUniqueViolation reports a unique-constraint error on either database.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// FormatLimitOffset returns a LIMIT/OFFSET clause; both databases accept it.
func FormatLimitOffset(limit, offset int) string {
	switch {
	case limit > 0 && offset > 0:
		return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset)
	case limit > 0:
		return fmt.Sprintf(" LIMIT %d", limit)
	case offset > 0:
		return fmt.Sprintf(" LIMIT -1 OFFSET %d", offset)
	}
	return ""
}

// ExecRaw runs a statement outside the services, for maintenance commands and tests.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.rebind(q), args...)
	return err
}
