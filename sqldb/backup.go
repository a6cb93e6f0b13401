package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"jingzi"
)

// Backup writes a consistent copy of a live SQLite database to path with VACUUM
// INTO, which reads one snapshot while writers go on, then verifies the copy.
// PostgreSQL is backed up with pg_dump instead.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect == Postgres {
		return jingzi.Errorf(jingzi.EINVALID, "PostgreSQL 数据库请使用 pg_dump 备份，例如：pg_dump -Fc -f jingzi.dump \"%s\"", "postgres://…")
	}
	if _, err := os.Stat(path); err == nil {
		return jingzi.Errorf(jingzi.ECONFLICT, "备份文件 %s 已存在，请换一个文件名。", path)
	}
	// A connection of its own: VACUUM INTO reads one snapshot of the database in
	// a read transaction, so writers on the server's connection go on meanwhile.
	conn, err := sql.Open("sqlite", "file:"+db.Path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer conn.Close()
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, abs); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := fsyncFile(abs); err != nil {
		return err
	}
	return VerifySQLite(abs)
}

// VerifySQLite checks that path is an intact jingzi database: SQLite's
// integrity_check passes and the schema has been migrated.
func VerifySQLite(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return jingzi.Errorf(jingzi.ENOTFOUND, "找不到文件 %s。", path)
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || string(head) != "SQLite format 3\x00" {
		return jingzi.Errorf(jingzi.EINVALID, "%s 不是 jingzi 的 SQLite 备份文件。", path)
	}
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer conn.Close()
	var result string
	if err := conn.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		return jingzi.Errorf(jingzi.EINVALID, "备份文件 %s 未通过完整性检查（%s），不能使用。", path, firstNonEmpty(result, fmt.Sprint(err)))
	}
	var version int
	if err := conn.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil || version < 1 {
		return jingzi.Errorf(jingzi.EINVALID, "%s 不是 jingzi 的数据库备份（缺少数据库结构版本）。", path)
	}
	return nil
}

// RestoreSQLite replaces the database at dbPath with the verified backup. The
// database must not be in use (see LockDatabase). The replaced file is kept
// beside it as <name>.before-restore-<time>, and returned.
func RestoreSQLite(backup, dbPath string, now time.Time) (string, error) {
	if err := VerifySQLite(backup); err != nil {
		return "", err
	}
	tmp := dbPath + ".restoring"
	if err := copyFile(backup, tmp); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	kept := ""
	if _, err := os.Stat(dbPath); err == nil {
		// Fold the WAL into the old file so that the kept copy is whole.
		if err := checkpoint(dbPath); err != nil {
			os.Remove(tmp)
			return "", err
		}
		kept = dbPath + ".before-restore-" + now.Format("20060102-150405")
		if err := os.Rename(dbPath, kept); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("restore: %w", err)
		}
	}
	os.Remove(dbPath + "-wal")
	os.Remove(dbPath + "-shm")
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, fmt.Errorf("restore: %w", err)
	}
	return kept, syncDir(filepath.Dir(dbPath))
}

func checkpoint(path string) error {
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// LockDatabase takes an exclusive advisory lock beside a SQLite file, held by
// the server for its lifetime, so that restore refuses while a server runs and a
// second server does not start on the same file. Release with the returned func.
func LockDatabase(dbPath string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(dbPath+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, jingzi.Errorf(jingzi.ECONFLICT, "数据库 %s 正被另一个 jingzi 服务使用，请先停止该服务。", dbPath)
		}
		return nil, err
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fsyncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// IsEmpty reports whether the database holds no org and no account yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM orgs) + (SELECT COUNT(*) FROM users)`).Scan(&n)
	return n == 0, err
}

// CountUsers returns the number of accounts, for the first-start administrator.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}
