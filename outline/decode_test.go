package outline_test

import (
	"os"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jingzi"
	"jingzi/outline"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xff, 0xfe}
	if bigEndian {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	const text = "一、存在问题及表现\r\n（一）在理论学习方面。\r\n"
	const want = "一、存在问题及表现\n（一）在理论学习方面。\n"
	gb, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte(text)},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), text...)},
		{"UTF-16LE with BOM", utf16Bytes(text, false)},
		{"UTF-16BE with BOM", utf16Bytes(text, true)},
		{"GBK", []byte(gb)},
		{"old Mac line ends", []byte("一、存在问题及表现\r（一）在理论学习方面。\r")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := outline.Decode(c.data)
			if err != nil || got != want {
				t.Errorf("Decode = %q, %v; want %q", got, err, want)
			}
		})
	}
}

func TestDecodeGBKFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/gbk.txt")
	if err != nil {
		t.Fatal(err)
	}
	text, err := outline.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "某县委常委班子2023年度民主生活会对照检查材料\n"; text[:len(want)] != want {
		t.Errorf("GBK file decoded to %.40q", text)
	}
}

func TestDecodeRejects(t *testing.T) {
	cases := []struct {
		name, msg string
		data      []byte
	}{
		{"empty", "文件内容为空，请选择填写了对照检查材料的文本文件。", []byte(" \r\n ")},
		{"docx", "该文件是Word文档或压缩文件，不是纯文本文件，请按Word文档（.docx）导入。", []byte("PK\x03\x04\x14\x00\x06\x00")},
		{"binary", "该文件不是纯文本文件，请另存为UTF-8编码的文本文件（.txt）后重试。", []byte("abc\x00\x01\x02def")},
		{"random bytes", "无法识别文件编码，请另存为UTF-8编码的文本文件后重试。", []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x80, 0x81}},
		{"odd UTF-16", "无法识别文件编码，请另存为UTF-8编码的文本文件后重试。", []byte{0xff, 0xfe, 0x41}},
		{"broken UTF-8 after BOM", "无法识别文件编码，请另存为UTF-8编码的文本文件后重试。", []byte("\xef\xbb\xbf\xe4\xb8")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := outline.Decode(c.data)
			if jingzi.ErrorCode(err) != jingzi.EINVALID || jingzi.ErrorMessage(err) != c.msg {
				t.Errorf("Decode error = %v; want EINVALID %q", err, c.msg)
			}
		})
	}
}
