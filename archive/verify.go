package archive

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"jingzi"
)

// Limits of what Verify reads, so that a hostile package (a zip bomb, a huge
// manifest, a million entries) costs bounded memory.
const (
	MaxManifestSize = 8 << 20 // bytes of manifest.json
	MaxListSize     = 8 << 20 // bytes of 清单.txt
	MaxEntries      = 100000
)

// Report is what Verify found. OK when Problems is empty.
type Report struct {
	Manifest *Manifest
	Verified int      // entries whose size and SHA-256 match
	Problems []string // one Chinese sentence each
}

// OK reports whether the package matches its manifest.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// Verify checks a package against its manifest: every listed entry present
// with its size and SHA-256, nothing unlisted, no repeated or unsafe name, and
// 清单.txt saying what the manifest says. An error (EINVALID) means the package
// could not be checked at all: not a zip, cut short, or without a readable
// manifest.
func Verify(r io.ReaderAt, size int64) (*Report, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, jingzi.Errorf(jingzi.EINVALID, "不是有效的归档包：文件不是 zip 格式，或已被截断、损坏（%v）。", err)
	}
	if len(zr.File) > MaxEntries+2 {
		return nil, jingzi.Errorf(jingzi.EINVALID, "不是有效的归档包：文件数 %d 超过上限 %d。", len(zr.File), MaxEntries)
	}
	rep := &Report{}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if msg := checkName(f.Name); msg != "" {
			rep.problem("包内有不安全的文件名：%s", msg)
			continue
		}
		if files[f.Name] != nil {
			rep.problem("包内文件名重复：%s", f.Name)
			continue
		}
		files[f.Name] = f
	}
	m, err := readManifest(files[ManifestName])
	if err != nil {
		return nil, err
	}
	rep.Manifest = m
	listed := map[string]bool{ManifestName: true, ListName: true}
	for _, e := range m.Entries {
		if msg := checkName(e.Path); msg != "" || e.Path == ManifestName || e.Path == ListName {
			rep.problem("清单中有不安全或保留的文件名：%q", e.Path)
			continue
		} else if listed[e.Path] {
			rep.problem("清单中文件名重复：%s", e.Path)
			continue
		}
		listed[e.Path] = true
		if checkEntry(rep, files[e.Path], e) {
			rep.Verified++
		}
	}
	for _, f := range zr.File {
		if !listed[f.Name] && checkName(f.Name) == "" && files[f.Name] == f {
			rep.problem("包内有清单未列出的文件：%s", f.Name)
		}
	}
	checkList(rep, files[ListName], m)
	return rep, nil
}

func readManifest(f *zip.File) (*Manifest, error) {
	if f == nil {
		return nil, jingzi.Errorf(jingzi.EINVALID, "不是有效的归档包：包内没有 %s。", ManifestName)
	}
	body, err := readSmall(f, MaxManifestSize)
	if err != nil {
		return nil, jingzi.Errorf(jingzi.EINVALID, "归档清单 %s 无法读取：%s", ManifestName, err.Error())
	}
	m := &Manifest{}
	if err := json.Unmarshal(body, m); err != nil {
		return nil, jingzi.Errorf(jingzi.EINVALID, "归档清单 %s 格式错误：%v", ManifestName, err)
	} else if m.Format != Format {
		return nil, jingzi.Errorf(jingzi.EINVALID, "归档清单的格式标识为 %q，本程序只能核验 %s。", m.Format, Format)
	} else if len(m.Entries) > MaxEntries {
		return nil, jingzi.Errorf(jingzi.EINVALID, "归档清单列出 %d 个文件，超过上限 %d。", len(m.Entries), MaxEntries)
	}
	return m, nil
}

// readSmall reads a whole entry of at most limit bytes, whatever its header claims.
func readSmall(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("超过 %d 字节上限", limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("文件已损坏（%v）", err)
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("文件已损坏（%v）", err)
	} else if int64(len(body)) > limit {
		return nil, fmt.Errorf("超过 %d 字节上限", limit)
	}
	return body, nil
}

// checkEntry compares one entry with its manifest line, reading no more than
// the manifest says it holds.
func checkEntry(rep *Report, f *zip.File, e Entry) bool {
	if f == nil {
		rep.problem("缺少文件：%s", e.Path)
		return false
	}
	if e.Size < 0 || f.UncompressedSize64 != uint64(e.Size) {
		rep.problem("文件大小与清单不符：%s（清单 %d 字节，包内 %d 字节）", e.Path, e.Size, f.UncompressedSize64)
		return false
	}
	rc, err := f.Open()
	if err != nil {
		rep.problem("文件已损坏，无法读取：%s", e.Path)
		return false
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(rc, e.Size+1))
	switch {
	case err != nil:
		rep.problem("文件已损坏或被改动（校验失败）：%s", e.Path)
		return false
	case n != e.Size:
		rep.problem("文件大小与清单不符：%s（清单 %d 字节，实际 %d 字节）", e.Path, e.Size, n)
		return false
	case hex.EncodeToString(h.Sum(nil)) != e.SHA256:
		rep.problem("文件内容与清单不符（SHA-256 不同），已被改动：%s", e.Path)
		return false
	}
	return true
}

// checkList asks that 清单.txt says what manifest.json says, so that editing
// one of them shows.
func checkList(rep *Report, f *zip.File, m *Manifest) {
	if f == nil {
		rep.problem("缺少文件：%s", ListName)
		return
	}
	body, err := readSmall(f, MaxListSize)
	if err != nil {
		rep.problem("%s 无法读取：%s", ListName, err.Error())
	} else if string(body) != ListText(m) {
		rep.problem("%s 与 %s 不一致，其中之一已被改动。", ListName, ManifestName)
	}
}
