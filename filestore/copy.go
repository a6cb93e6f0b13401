package filestore

import (
	"io"
	"os"
	"path/filepath"
)

// CopyTo copies every stored file into dir (created when missing), each
// written and synced before the next; files already in dir are left alone.
// It is the file half of `jingzi backup`: stored files never change, so a copy
// taken after the database snapshot holds every file the snapshot names,
// except one deleted in between.
func (s *Store) CopyTo(dir string) (int, error) {
	return copyKeys(s.Dir, dir)
}

// CopyFrom copies the files of a backup made by CopyTo back into the store;
// files the store already has are kept.
func (s *Store) CopyFrom(dir string) (int, error) {
	return copyKeys(dir, s.Dir)
}

func copyKeys(from, to string) (int, error) {
	entries, err := os.ReadDir(from)
	if os.IsNotExist(err) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(to, 0o700); err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !validKey(e.Name()) {
			continue // temp files and anything not written by the store
		}
		dst := filepath.Join(to, e.Name())
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		if err := copySynced(filepath.Join(from, e.Name()), dst); err != nil {
			return n, err
		}
		n++
	}
	return n, syncDir(to)
}

func copySynced(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}
