package simcheck_test

import (
	"testing"

	"jingzi/simcheck"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		offsets        []int32 // rune offsets of the kept characters
	}{
		{"punctuation and spaces go", "一是 理论学习，不系统。", "一是理论学习不系统", []int32{0, 1, 3, 4, 5, 6, 8, 9, 10}},
		{"full width folds to half width", "ＡＢｃ１２", "abc12", []int32{0, 1, 2, 3, 4}},
		{"ideographic space and quotes go", "“两个确立”\u3000学习", "两个确立学习", []int32{1, 2, 3, 4, 7, 8}},
		{"half-width punctuation goes", "XX人次,XX条;", "xx人次xx条", []int32{0, 1, 2, 3, 5, 6, 7}},
		{"empty", "", "", nil},
		{"only punctuation", "，。！？（）", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := simcheck.Normalize(tt.in)
			if got := string(n.Runes); got != tt.want {
				t.Fatalf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(n.RuneOff) != len(tt.offsets) {
				t.Fatalf("offsets %v, want %v", n.RuneOff, tt.offsets)
			}
			orig := []rune(tt.in)
			for i, off := range tt.offsets {
				if n.RuneOff[i] != off {
					t.Errorf("offset %d = %d, want %d", i, n.RuneOff[i], off)
				}
				if c := []rune(tt.in[n.ByteOff[i]:])[0]; c != orig[off] {
					t.Errorf("byte offset %d points at %q, rune offset at %q", i, c, orig[off])
				}
			}
		})
	}
}
