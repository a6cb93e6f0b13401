package docx

import (
	"bytes"
	"io"
)

// format is what the first bytes of an upload say it is.
type format int

const (
	formatUnknown format = iota
	formatZip
	formatOLE       // OLE compound file: .doc, .wps, or an encrypted .docx
	formatEncrypted // OLE compound file holding an EncryptionInfo stream
	formatWPSLegacy // DOS-era WPS text file
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// Old WPS (金山 WPS for DOS) files start with these bytes.
	wpsMagic = []byte{0xFF, 0x00, 0x02, 0x00}
	// An encrypted .docx is an OLE file whose directory names the stream
	// "EncryptionInfo"; directory names are UTF-16LE.
	encryptionInfoName = utf16le("EncryptionInfo")
)

// maxOLEScan bounds how much of an OLE file is searched for the encryption
// stream name; the directory of any real file sits well within it.
const maxOLEScan = 64 << 20

func sniff(r io.ReaderAt, size int64) format {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return formatZip
	case bytes.HasPrefix(head, oleMagic):
		if oleContains(r, size, encryptionInfoName) {
			return formatEncrypted
		}
		return formatOLE
	case bytes.HasPrefix(head, wpsMagic):
		return formatWPSLegacy
	}
	return formatUnknown
}

// oleContains scans the file in chunks for needle, reading at most maxOLEScan
// bytes with one small buffer.
func oleContains(r io.ReaderAt, size int64, needle []byte) bool {
	const chunk = 64 << 10
	buf := make([]byte, chunk+len(needle))
	limit := min(size, maxOLEScan)
	for off := int64(0); off < limit; off += chunk {
		n, err := r.ReadAt(buf, off)
		if bytes.Contains(buf[:n], needle) {
			return true
		}
		if err != nil {
			return false
		}
	}
	return false
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		out = append(out, c, 0)
	}
	return out
}
