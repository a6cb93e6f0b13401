package main

import (
	"context"
	"fmt"
	"time"

	"jingzi"
	"jingzi/filestore"
	"jingzi/sqldb"
)

func runMigrate(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "migrate", "",
		"把数据库结构升级到当前版本（jingzi serve 启动时也会自动执行）。",
		"Applies pending migrations (serve does this at start too).")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	db, err := openDB(*dsn)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "数据库结构已是最新版本（第%d版）。\n", v)
	return 0
}

func runBackup(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "backup", "FILE",
		"在线备份 SQLite 数据库：服务无需停止，备份为一致的快照，写完后做完整性检查。PostgreSQL 请用 pg_dump。",
		"Backs up a live SQLite database to FILE (a consistent snapshot, integrity-checked). Use pg_dump for PostgreSQL.")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	db := sqldb.NewDB(*dsn)
	if db.Dialect == sqldb.Postgres {
		fmt.Fprintf(e.stderr, "PostgreSQL 数据库请使用 pg_dump 备份，例如：\n  pg_dump -Fc -f jingzi-%s.dump '%s'\n恢复时使用 pg_restore。\n",
			time.Now().Format("20060102"), redactDSN(*dsn))
		return 2
	}
	if err := db.Open(); err != nil {
		return fail(e, err)
	}
	defer db.Close()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已备份到 %s，完整性检查通过。\n", fs.Arg(0))
	// Uploaded files never change once stored; copied after the snapshot, the
	// copy holds every file the snapshot names.
	files, err := filestore.New(filesDir(db))
	if err != nil {
		return fail(e, err)
	}
	n, err := files.CopyTo(fs.Arg(0) + ".files")
	if err != nil {
		return fail(e, fmt.Errorf("备份上传文件失败：%w", err))
	}
	fmt.Fprintf(e.stdout, "已备份上传的文件%d个到 %s.files。\n", n, fs.Arg(0))
	return 0
}

func runRestore(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "restore", "FILE",
		"从备份恢复 SQLite 数据库：先校验备份文件，再替换；服务运行时拒绝恢复；被替换的数据库文件保留在原目录。",
		"Restores a SQLite database from FILE after verifying it; refuses while a server uses the database; keeps the replaced file.")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	db := sqldb.NewDB(*dsn)
	if db.Dialect == sqldb.Postgres {
		fmt.Fprintln(e.stderr, "PostgreSQL 数据库请使用 pg_restore 恢复。")
		return 2
	}
	if err := sqldb.VerifySQLite(fs.Arg(0)); err != nil {
		return fail(e, err)
	}
	unlock, err := sqldb.LockDatabase(db.Path)
	if err != nil {
		if jingzi.ErrorCode(err) == jingzi.ECONFLICT {
			fmt.Fprintln(e.stderr, "错误：jingzi 服务正在使用该数据库，请先停止服务再恢复。")
			return 1
		}
		return fail(e, err)
	}
	defer unlock()
	kept, err := sqldb.RestoreSQLite(fs.Arg(0), db.Path, time.Now())
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已从 %s 恢复数据库 %s。\n", fs.Arg(0), db.Path)
	if kept != "" {
		fmt.Fprintf(e.stdout, "原数据库已保留为 %s。\n", kept)
	}
	files, err := filestore.New(filesDir(db))
	if err != nil {
		return fail(e, err)
	}
	n, err := files.CopyFrom(fs.Arg(0) + ".files")
	if err != nil {
		return fail(e, fmt.Errorf("恢复上传文件失败：%w", err))
	}
	fmt.Fprintf(e.stdout, "已恢复上传的文件%d个（原有文件保留）。\n", n)
	return 0
}
