package simcheck

import (
	"encoding/binary"
	"hash/crc32"

	"jingzi"
)

// checkpointEvery is the spacing, in normalised characters, of the byte
// offsets a sketch keeps so that any stretch of a stored text can be
// normalised again without reading it from the start.
const checkpointEvery = 64

// DocSketch 文档指纹 is what the index keeps of one document besides its text:
// a MinHash signature, winnowed fingerprints with positions, and checkpoints
// into the text. It is computed once (Sketch) and can be stored in a database
// (MarshalBinary) so that an index is rebuilt without hashing texts again.
type DocSketch struct {
	Shingle, Window int
	Signature       []uint32
	Fingerprints    []Fingerprint
	Runes           int      // normalised characters
	TextBytes       int      // length of the original text in bytes
	TextCRC         uint32   // CRC-32C of the original text: a changed text is detected
	Checkpoints     []uint32 // Checkpoints[i] is the byte offset of normalised character i*checkpointEvery
}

// Sketch computes the sketch of text with the default options.
func Sketch(text string) *DocSketch { return DefaultOptions().Sketch(text) }

// Sketch computes the sketch of text with these options.
func (o Options) Sketch(text string) *DocSketch {
	var k sketcher
	return k.sketch(o, text)
}

// sketcher computes sketches, reusing its buffers from one text to the next:
// indexing ten thousand statements would otherwise allocate gigabytes.
type sketcher struct {
	runes  []rune
	hashes []uint64
	keys   []uint32
}

func (k *sketcher) sketch(o Options, text string) *DocSketch {
	o = o.withDefaults()
	k.runes = k.runes[:0]
	cps := make([]uint32, 0, len(text)/(3*checkpointEvery)+2)
	for bi, r := range text {
		if c, ok := foldRune(r); ok {
			if len(k.runes)%checkpointEvery == 0 {
				cps = append(cps, uint32(bi))
			}
			k.runes = append(k.runes, c)
		}
	}
	k.hashes = appendKgramHashes(k.hashes[:0], k.runes, o.Shingle)
	return &DocSketch{
		Shingle:      o.Shingle,
		Window:       o.Window,
		Signature:    minhashSignature(k.hashes, o.Hashes),
		Fingerprints: k.winnow(k.hashes, o.Window),
		Runes:        len(k.runes),
		TextBytes:    len(text),
		TextCRC:      textCRC(text),
		Checkpoints:  cps,
	}
}

const sketchMagic = "JZS1"

// MarshalBinary encodes the sketch compactly: varints, positions and
// checkpoints as deltas; about 5 bytes per fingerprint.
func (s *DocSketch) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 16+4*len(s.Signature)+6*len(s.Fingerprints)+2*len(s.Checkpoints))
	b = append(b, sketchMagic...)
	for _, v := range []int{s.Shingle, s.Window, s.Runes, s.TextBytes, len(s.Signature), len(s.Fingerprints), len(s.Checkpoints)} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	b = binary.LittleEndian.AppendUint32(b, s.TextCRC)
	for _, v := range s.Signature {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	prev := uint32(0)
	for _, f := range s.Fingerprints {
		b = binary.LittleEndian.AppendUint32(b, f.Key)
		b = binary.AppendUvarint(b, uint64(f.Pos-prev))
		prev = f.Pos
	}
	prev = 0
	for _, c := range s.Checkpoints {
		b = binary.AppendUvarint(b, uint64(c-prev))
		prev = c
	}
	return b, nil
}

// UnmarshalBinary decodes a sketch written by MarshalBinary.
func (s *DocSketch) UnmarshalBinary(data []byte) error {
	bad := jingzi.Errorf(jingzi.EINVALID, "查重指纹数据已损坏，无法读取，请重新计算该文档的指纹。")
	if len(data) < len(sketchMagic) || string(data[:len(sketchMagic)]) != sketchMagic {
		return bad
	}
	r := sketchReader{data: data[len(sketchMagic):]}
	var hdr [7]int
	for i := range hdr {
		hdr[i] = int(r.uvarint(1 << 31))
	}
	nsig, nfp, ncp := hdr[4], hdr[5], hdr[6]
	if r.err || nsig > len(r.data)/4 || nfp > len(r.data)/5 || ncp > len(r.data) {
		return bad
	}
	out := DocSketch{Shingle: hdr[0], Window: hdr[1], Runes: hdr[2], TextBytes: hdr[3],
		Signature: make([]uint32, nsig), Fingerprints: make([]Fingerprint, nfp), Checkpoints: make([]uint32, ncp)}
	out.TextCRC = r.uint32()
	for i := range out.Signature {
		out.Signature[i] = r.uint32()
	}
	pos := uint64(0)
	for i := range out.Fingerprints {
		out.Fingerprints[i].Key = r.uint32()
		pos += r.uvarint(1 << 31)
		out.Fingerprints[i].Pos = uint32(pos)
	}
	off := uint64(0)
	for i := range out.Checkpoints {
		off += r.uvarint(1 << 31)
		out.Checkpoints[i] = uint32(off)
	}
	if r.err || len(r.data) != 0 || pos > uint64(out.Runes) || off > uint64(out.TextBytes) {
		return bad
	}
	*s = out
	return nil
}

// sketchReader reads varints and fixed words, remembering the first failure.
type sketchReader struct {
	data []byte
	err  bool
}

func (r *sketchReader) uvarint(limit uint64) uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 || v > limit {
		r.err = true
		r.data = nil
		return 0
	}
	r.data = r.data[n:]
	return v
}

func (r *sketchReader) uint32() uint32 {
	if len(r.data) < 4 {
		r.err = true
		r.data = nil
		return 0
	}
	v := binary.LittleEndian.Uint32(r.data)
	r.data = r.data[4:]
	return v
}

// matches reports whether the sketch was made from a text like this one with
// these options.
func (s *DocSketch) matches(o Options, text string) error {
	if s.Shingle != o.Shingle || s.Window != o.Window || len(s.Signature) != o.Hashes {
		return jingzi.Errorf(jingzi.EINVALID, "查重指纹的参数（%d字片段、窗口%d、%d个哈希）与索引（%d、%d、%d）不一致，请重新计算指纹。",
			s.Shingle, s.Window, len(s.Signature), o.Shingle, o.Window, o.Hashes)
	}
	if s.TextBytes != len(text) || s.TextCRC != textCRC(text) {
		return jingzi.Errorf(jingzi.EINVALID, "查重指纹与文档正文不一致（正文已修改？），请重新计算指纹。")
	}
	return nil
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func textCRC(text string) uint32 { return crc32.Checksum([]byte(text), crcTable) }
