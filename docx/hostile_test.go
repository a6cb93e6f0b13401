package docx_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"jingzi"
	"jingzi/docx"
)

const (
	wantNotDocx   = "文件不是有效的.docx文档，请用Word或WPS另存为.docx后再导入。"
	wantEncrypted = "文件已加密，请先取消密码保护后另存为.docx再导入。"
	wantLegacy    = "这是旧版.doc/.wps格式，请用Word或WPS另存为.docx后再导入。"
	wantTooLarge  = "文件内容过大或压缩比异常，可能是恶意构造的压缩包，已拒绝导入。"
	wantUnsafe    = "文件包含不安全的路径，已拒绝导入。"
	wantTooMany   = "文件包含的部件过多，不是正常的.docx文档，已拒绝导入。"
	wantUnsafeXML = "文件包含不安全的内容，已拒绝导入。"
	wantBroken    = "文件内容已损坏，无法读取，请用Word或WPS打开后重新另存为.docx再导入。"
	wantTooDeep   = "文件结构嵌套过深，不是正常的.docx文档，已拒绝导入。"
)

// memoryLimit is the extra memory a hostile file may make the reader use.
const memoryLimit = 64 << 20

func docPart(body string) part {
	return part{"word/document.xml", `<?xml version="1.0"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`}
}

// rawDeflated is a zip holding document.xml as the given deflate stream, with
// a central directory that claims whatever sizes the caller passes.
func rawDeflated(t testing.TB, deflated []byte, crc uint32, usize uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(deflated)), UncompressedSize64: usize})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated)
	zw.Close()
	return buf.Bytes()
}

// stream deflates the document.xml made of head, n repetitions of unit, and tail.
func stream(head, unit, tail string, n int) ([]byte, uint32, uint64) {
	var out bytes.Buffer
	fw, _ := flate.NewWriter(&out, flate.BestSpeed)
	crc := crc32.NewIEEE()
	size := uint64(0)
	write := func(s string) {
		fw.Write([]byte(s))
		crc.Write([]byte(s))
		size += uint64(len(s))
	}
	write(head)
	for range n {
		write(unit)
	}
	write(tail)
	fw.Close()
	return out.Bytes(), crc.Sum32(), size
}

var bigText = sync.OnceValue(func() []string {
	// 40 MB of text that compresses only about 2:1, so that only the size
	// limit (not the ratio guard) can stop it.
	r := rand.New(rand.NewPCG(1, 2))
	units := make([]string, 64)
	for i := range units {
		var b strings.Builder
		b.WriteString("<w:p><w:r><w:t>")
		for range 16 << 10 {
			b.WriteByte("0123456789abcdef"[r.IntN(16)])
		}
		b.WriteString("</w:t></w:r></w:p>")
		units[i] = b.String()
	}
	return units
})

type hostileCase struct {
	name string
	data []byte
	want string
}

var (
	hostileOnce sync.Once
	hostileList []hostileCase
)

// hostileCases builds the hostile files once per test binary.
func hostileCases(t testing.TB) []hostileCase {
	hostileOnce.Do(func() { hostileList = append(smallHostileCases(t), bombCases(t)...) })
	return hostileList
}

// bombCases are the files that expand to many megabytes.
func bombCases(t testing.TB) []hostileCase {
	spaces, spacesCRC, spacesSize := stream(`<w:document `+wNS+`><w:body><w:p><w:r><w:t>`, strings.Repeat(" ", 1024), `</w:t></w:r></w:p></w:body></w:document>`, 16<<10)
	big := bigText()
	var bigBuf bytes.Buffer
	fw, _ := flate.NewWriter(&bigBuf, flate.BestSpeed)
	crc := crc32.NewIEEE()
	head := `<w:document ` + wNS + `><w:body>`
	fw.Write([]byte(head))
	crc.Write([]byte(head))
	for i := range 2500 { // 2500 × 16 KB ≈ 40 MB
		fw.Write([]byte(big[i%len(big)]))
		crc.Write([]byte(big[i%len(big)]))
	}
	fw.Close()
	return []hostileCase{
		{"zip bomb, honest sizes", rawDeflated(t, spaces, spacesCRC, spacesSize), wantTooLarge},
		{"zip bomb, lying sizes", rawDeflated(t, spaces, spacesCRC, 1000), wantTooLarge},
		{"oversized document, lying sizes", rawDeflated(t, bigBuf.Bytes(), crc.Sum32(), 1000), wantTooLarge},
	}
}

// smallHostileCases are hostile or unusable files of a few kilobytes.
func smallHostileCases(t testing.TB) []hostileCase {
	valid := []part{docPart(`<w:p><w:r><w:t>正文</w:t></w:r></w:p>`)}
	with := func(extra ...part) []byte { return zipParts(t, append(append([]part{}, valid...), extra...)...) }
	ole := func(tail []byte) []byte {
		b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
		return append(b, tail...)
	}
	utf16 := func(s string) []byte {
		var b []byte
		for _, c := range []byte(s) {
			b = append(b, c, 0)
		}
		return b
	}
	many := make([]part, 0, 5000)
	for i := range 5000 {
		many = append(many, part{fmt.Sprintf("word/media/image%d.png", i), "x"})
	}
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`
	return []hostileCase{
		{"not a zip", []byte("这不是压缩包，只是一段文字。"), wantNotDocx},
		{"empty file", nil, wantNotDocx},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n"), wantNotDocx},
		{"truncated zip", with()[:60], wantNotDocx},
		{"zip without document", zipParts(t, part{"xl/workbook.xml", "<workbook/>"}), wantNotDocx},
		{"encrypted docx", ole(append(make([]byte, 300), utf16("EncryptionInfo")...)), wantEncrypted},
		{"legacy doc", ole(utf16("WordDocument")), wantLegacy},
		{"legacy wps", append([]byte{0xFF, 0x00, 0x02, 0x00}, make([]byte, 100)...), wantLegacy},
		{"zip slip", with(part{"../../etc/cron.d/evil", "x"}), wantUnsafe},
		{"absolute name", with(part{"/etc/passwd", "x"}), wantUnsafe},
		{"backslash name", with(part{`..\..\evil.txt`, "x"}), wantUnsafe},
		{"5000 entries", zipParts(t, append(valid, many...)...), wantTooMany},
		{"entity expansion", zipParts(t, part{"word/document.xml", laughs}), wantUnsafeXML},
		{"doctype in styles", with(part{"word/styles.xml", `<!DOCTYPE x SYSTEM "http://example.com/x.dtd"><w:styles ` + wNS + `/>`}), wantUnsafeXML},
		{"doctype in relationships", with(part{"_rels/.rels", `<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`}), wantUnsafeXML},
		{"malformed xml", zipParts(t, part{"word/document.xml", `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>未闭合</w:r></w:body>`}), wantBroken},
		{"truncated xml", zipParts(t, part{"word/document.xml", `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>半截`}), wantBroken},
		{"undefined entity", zipParts(t, docPart(`<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>`)), wantBroken},
		{"deep nesting", zipParts(t, docPart(strings.Repeat("<w:sdt><w:sdtContent>", 2000)+strings.Repeat("</w:sdtContent></w:sdt>", 2000))), wantTooDeep},
		{"bad crc", func() []byte {
			d, _, n := stream(`<w:document `+wNS+`><w:body><w:p><w:r><w:t>`, "正文", `</w:t></w:r></w:p></w:body></w:document>`, 1)
			return rawDeflated(t, d, 12345, n)
		}(), wantBroken},
	}
}

// measure runs fn and returns the peak extra heap it used (sampled) and the
// bytes it allocated in total.
func measure(fn func()) (peak, total uint64) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > before.HeapAlloc && m.HeapAlloc-before.HeapAlloc > peak {
				peak = m.HeapAlloc - before.HeapAlloc
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if d := after.HeapAlloc; d > before.HeapAlloc && d-before.HeapAlloc > peak {
		peak = d - before.HeapAlloc
	}
	return peak, after.TotalAlloc - before.TotalAlloc
}

// Every hostile or unusable file gets EINVALID with a Chinese message that
// tells the user what to do, and costs bounded memory.
func TestReadHostile(t *testing.T) {
	for _, tc := range hostileCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			var ps []jingzi.Paragraph
			peak, _ := measure(func() { ps, err = docx.Read(bytes.NewReader(tc.data), int64(len(tc.data))) })
			if err == nil {
				t.Fatalf("Read accepted the file: %d paragraphs", len(ps))
			}
			if code := jingzi.ErrorCode(err); code != jingzi.EINVALID {
				t.Errorf("code = %q (%v), want EINVALID", code, err)
			}
			if msg := jingzi.ErrorMessage(err); msg != tc.want {
				t.Errorf("message = %q, want %q", msg, tc.want)
			}
			if peak > memoryLimit {
				t.Errorf("peak extra heap %d MB, limit %d MB", peak>>20, memoryLimit>>20)
			}
		})
	}
}

// Files refused before their content is parsed allocate little in total.
func TestReadHostileAllocations(t *testing.T) {
	early := map[string]bool{"zip bomb, honest sizes": true, "zip bomb, lying sizes": true, "5000 entries": true,
		"entity expansion": true, "deep nesting": true, "encrypted docx": true, "zip slip": true}
	for _, tc := range hostileCases(t) {
		if !early[tc.name] {
			continue
		}
		_, total := measure(func() { docx.Read(bytes.NewReader(tc.data), int64(len(tc.data))) })
		if total > 16<<20 {
			t.Errorf("%s: allocated %d MB in total", tc.name, total>>20)
		}
	}
}
