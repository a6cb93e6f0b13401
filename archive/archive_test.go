package archive_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/archive"
)

var testManifest = archive.Manifest{
	MeetingID: 7, Org: "中共江城市民政局委员会", Year: 2021, Title: "2021年度党史学习教育专题民主生活会",
	CreatedAt: time.Date(2022, 5, 6, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)), CreatedBy: "李组织", Reason: "整改延期，先行归档",
}

var testEntries = []struct{ name, body string }{
	{"01-对照检查材料/王建国.docx", "王建国的对照检查材料"},
	{"01-对照检查材料/领导班子.docx", "领导班子对照检查材料"},
	{"03-征求意见/意见建议清单.xlsx", strings.Repeat("意见", 5000)},
	{"08-佐证材料/照片.jpg", "\xff\xd8\xff\xe0 binary"},
}

// pack builds a package from the test entries.
func pack(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := archive.NewWriter(&buf, testManifest)
	for _, e := range testEntries {
		if err := w.Add(e.name, strings.NewReader(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// repack copies a package entry by entry, letting edit change, drop (nil) or
// add entries.
func repack(t *testing.T, data []byte, edit func(name string, body []byte) []byte, extra map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if body = edit(f.Name, body); body == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	for name, body := range extra {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

func verify(data []byte) (*archive.Report, error) {
	return archive.Verify(bytes.NewReader(data), int64(len(data)))
}

func TestRoundTripVerifies(t *testing.T) {
	data := pack(t)
	rep, err := verify(data)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Verified != len(testEntries) {
		t.Fatalf("problems %v, verified %d", rep.Problems, rep.Verified)
	}
	if rep.Manifest.Title != testManifest.Title || rep.Manifest.Reason != testManifest.Reason || len(rep.Manifest.Entries) != 4 {
		t.Errorf("manifest %+v", rep.Manifest)
	}
	// Chinese names are stored as UTF-8 (flag bit 11), so every unzip shows them.
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if zr.File[0].Name != testEntries[0].name || zr.File[0].NonUTF8 || zr.File[0].Flags&0x800 == 0 {
		t.Errorf("first entry %q flags %x", zr.File[0].Name, zr.File[0].Flags)
	}
	if !bytes.Equal(data, pack(t)) {
		t.Error("the same records gave two different packages")
	}
}

func TestTamperedPackagesFail(t *testing.T) {
	good := pack(t)
	keep := func(name string, body []byte) []byte { return body }
	editManifest := func(change func(m *archive.Manifest)) func(string, []byte) []byte {
		return func(name string, body []byte) []byte {
			if name != archive.ManifestName {
				return body
			}
			var m archive.Manifest
			json.Unmarshal(body, &m)
			change(&m)
			out, _ := json.Marshal(&m)
			return out
		}
	}
	flipStored := func() []byte {
		// A byte flipped in the compressed data of the first entry.
		b := bytes.Clone(good)
		zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		off, _ := zr.File[0].DataOffset()
		b[off+2] ^= 0x40
		return b
	}
	cases := []struct {
		name string
		data []byte
		want string // in a problem or in the error
	}{
		{"changed content", repack(t, good, func(name string, body []byte) []byte {
			if name == testEntries[0].name {
				return bytes.Replace(body, []byte("王"), []byte("李"), 1) // same size, other text
			}
			return body
		}, nil), "SHA-256 不同），已被改动：01-对照检查材料/王建国.docx"},
		{"flipped byte", flipStored(), "01-对照检查材料/王建国.docx"},
		{"removed entry", repack(t, good, func(name string, body []byte) []byte {
			if name == testEntries[2].name {
				return nil
			}
			return body
		}, nil), "缺少文件：03-征求意见/意见建议清单.xlsx"},
		{"added entry", repack(t, good, keep, map[string]string{"09-其他/补充.txt": "x"}), "清单未列出的文件：09-其他/补充.txt"},
		{"manifest hash edited", repack(t, good, editManifest(func(m *archive.Manifest) {
			m.Entries[1].SHA256 = strings.Repeat("0", 64)
		}), nil), "清单.txt 与 manifest.json 不一致"},
		{"manifest title edited", repack(t, good, editManifest(func(m *archive.Manifest) { m.Title = "另一次会议" }), nil),
			"清单.txt 与 manifest.json 不一致"},
		{"manifest size edited", repack(t, good, editManifest(func(m *archive.Manifest) { m.Entries[3].Size++ }), nil),
			"文件大小与清单不符：08-佐证材料/照片.jpg"},
		{"manifest removed", repack(t, good, func(name string, body []byte) []byte {
			if name == archive.ManifestName {
				return nil
			}
			return body
		}, nil), "包内没有 manifest.json"},
		{"duplicate name", repack(t, good, keep, map[string]string{testEntries[1].name: "again"}), "包内文件名重复：01-对照检查材料/领导班子.docx"},
		{"zip slip", repack(t, good, keep, map[string]string{"../../etc/cron.d/x": "x"}), "不安全的文件名"},
		{"absolute path", repack(t, good, keep, map[string]string{"/etc/passwd": "x"}), "不安全的文件名"},
		{"truncated", good[:len(good)-40], "不是有效的归档包"},
		{"not a zip", []byte("这不是一个 zip 文件，只是一段文字。"), "不是有效的归档包"},
		{"empty", nil, "不是有效的归档包"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := verify(c.data)
			var got string
			if err != nil {
				if jingzi.ErrorCode(err) != jingzi.EINVALID {
					t.Fatalf("error code %s: %v", jingzi.ErrorCode(err), err)
				}
				got = jingzi.ErrorMessage(err)
			} else if rep.OK() {
				t.Fatal("a tampered package verified")
			} else {
				got = strings.Join(rep.Problems, "\n")
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("got %q, want it to say %q", got, c.want)
			}
		})
	}
}

// A manifest that declares a huge file, or a manifest that is itself huge, is
// refused from the header without reading it into memory.
func TestVerifyBoundsWhatItReads(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(archive.ManifestName)
	w.Write([]byte(`{"format":"jingzi-archive/1","entries":[`))
	w.Write(bytes.Repeat([]byte(" "), archive.MaxManifestSize)) // compresses to almost nothing
	w.Write([]byte(`]}`))
	zw.Close()
	_, err := verify(buf.Bytes())
	if err == nil || !strings.Contains(jingzi.ErrorMessage(err), "超过") {
		t.Fatalf("huge manifest: %v", err)
	}

	// An entry whose header lies about its size is read only up to the manifest's size.
	good := pack(t)
	bomb := repack(t, good, func(name string, body []byte) []byte {
		if name == testEntries[0].name {
			return bytes.Repeat([]byte{0}, 50<<20)
		}
		return body
	}, nil)
	rep, err := verify(bomb)
	if err != nil || rep.OK() || !strings.Contains(rep.Problems[0], "文件大小与清单不符") {
		t.Fatalf("bomb: %v %v", err, rep)
	}
}

func TestWriterRefusesUnsafeNames(t *testing.T) {
	for _, name := range []string{"", "../x.docx", "/abs.docx", `a\b.docx`, "C:/x.docx", "a/./b.docx", "a//b.docx",
		"dir/", archive.ManifestName, archive.ListName, "bad\x01.txt", "\xff.txt"} {
		w := archive.NewWriter(io.Discard, testManifest)
		if err := w.Add(name, strings.NewReader("x")); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("Add(%q) = %v, want EINVALID", name, err)
		}
	}
	w := archive.NewWriter(io.Discard, testManifest)
	w.Add("a.txt", strings.NewReader("x"))
	if err := w.Add("a.txt", strings.NewReader("y")); jingzi.ErrorCode(err) != jingzi.EINVALID ||
		!strings.Contains(jingzi.ErrorMessage(err), "同名") {
		t.Errorf("duplicate: %v", err)
	}
}

func FuzzVerify(f *testing.F) {
	good := pack(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := verify(data)
		if err != nil {
			if jingzi.ErrorCode(err) != jingzi.EINVALID || jingzi.ErrorMessage(err) == "" {
				t.Fatalf("error without a message: %v", err)
			}
			return
		}
		if rep.OK() && rep.Verified != len(rep.Manifest.Entries) {
			t.Fatalf("OK with %d of %d verified", rep.Verified, len(rep.Manifest.Entries))
		}
	})
}
