package docx_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"jingzi"
	"jingzi/docx"
)

// IsLegacy tells a caller which refusals a LibreOffice conversion can fix.
func TestIsLegacy(t *testing.T) {
	byName := map[string][]byte{}
	for _, c := range smallHostileCases(t) {
		byName[c.name] = c.data
	}
	read := func(name string) error {
		data, ok := byName[name]
		if !ok {
			t.Fatalf("no hostile case %q", name)
		}
		_, err := docx.Read(bytes.NewReader(data), int64(len(data)))
		return err
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"legacy .doc", read("legacy doc"), true},
		{"legacy .wps", read("legacy wps"), true},
		{"wrapped by a caller", fmt.Errorf("import: %w", read("legacy doc")), true},
		{"encrypted .docx", read("encrypted docx"), false},
		{"not a .docx", read("not a zip"), false},
		{"broken XML", read("malformed xml"), false},
		{"same code, other message", &jingzi.Error{Code: jingzi.EINVALID, Message: "文件不是有效的.docx文档"}, false},
		{"other error", errors.New("disk full"), false},
		{"no error", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := docx.IsLegacy(tc.err); got != tc.want {
				t.Errorf("IsLegacy(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
