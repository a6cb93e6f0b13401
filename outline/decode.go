package outline

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jingzi"
)

// Messages of Decode, read by the person who uploaded the file.
const (
	msgEmptyFile   = "文件内容为空，请选择填写了对照检查材料的文本文件。"
	msgUnknownCode = "无法识别文件编码，请另存为UTF-8编码的文本文件后重试。"
	msgWordFile    = "该文件是Word文档或压缩文件，不是纯文本文件，请按Word文档（.docx）导入。"
	msgBinaryFile  = "该文件不是纯文本文件，请另存为UTF-8编码的文本文件（.txt）后重试。"
)

// Decode returns the text of a plain-text file: UTF-8 with or without BOM, UTF-16
// with BOM, or GBK/GB18030. Line ends are normalised to "\n". A binary file or one
// in no recognisable encoding gives an EINVALID *jingzi.Error.
func Decode(data []byte) (string, error) {
	var text string
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", jingzi.Errorf(jingzi.EINVALID, msgEmptyFile)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return "", jingzi.Errorf(jingzi.EINVALID, msgWordFile)
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		if !utf8.Valid(data[3:]) {
			return "", jingzi.Errorf(jingzi.EINVALID, msgUnknownCode)
		}
		text = string(data[3:])
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		var err error
		if text, err = decodeUTF16(data[2:], data[0] == 0xfe); err != nil {
			return "", err
		}
	case utf8.Valid(data):
		text = string(data)
	default:
		gb, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !looksLikeChinese(string(gb)) {
			return "", jingzi.Errorf(jingzi.EINVALID, msgUnknownCode)
		}
		text = string(gb)
	}
	if !looksLikeText(text) {
		return "", jingzi.Errorf(jingzi.EINVALID, msgBinaryFile)
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.ReplaceAll(text, "\r", "\n"), nil
}

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", jingzi.Errorf(jingzi.EINVALID, msgUnknownCode)
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		hi, lo := data[2*i+1], data[2*i]
		if bigEndian {
			hi, lo = lo, hi
		}
		units[i] = uint16(hi)<<8 | uint16(lo)
	}
	runes := utf16.Decode(units)
	for _, r := range runes {
		if r == utf8.RuneError {
			return "", jingzi.Errorf(jingzi.EINVALID, msgUnknownCode)
		}
	}
	return string(runes), nil
}

// looksLikeText rejects binary content: NUL bytes or more than a few control characters.
func looksLikeText(s string) bool {
	control, total := 0, 0
	for _, r := range s {
		total++
		switch {
		case r == 0:
			return false
		case r == '\n' || r == '\r' || r == '\t' || r == '\f':
		case unicode.IsControl(r), r == utf8.RuneError:
			control++
		}
	}
	return control*100 <= total
}

// looksLikeChinese sanity-checks a GB18030 decoding: GB18030 maps almost any byte
// sequence to something, so the result must be mostly common Han characters,
// Chinese punctuation and printable ASCII.
func looksLikeChinese(s string) bool {
	good, total := 0, 0
	for _, r := range s {
		total++
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			good++
		case r >= 0x20 && r < 0x7f:
			good++
		case r >= 0x4e00 && r <= 0x9fff: // CJK Unified Ideographs
			good++
		case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef: // CJK and full-width punctuation
			good++
		case r >= 0x2010 && r <= 0x2027, r >= 0x2460 && r <= 0x24ff, r == 0xb7:
			good++ // dashes, quotes, ellipsis, ①…
		}
	}
	return total > 0 && good*100 >= total*95
}
