package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jingzi"
)

const seedTxt = "../../docx/testdata/seed.txt"

// seedFiles are the seed as text and as .docx made from it by LibreOffice and by
// python-docx (see docx/testdata/make_fixtures.sh).
var seedFiles = []string{seedTxt, "../../docx/testdata/seed-libreoffice.docx", "../../docx/testdata/seed-python-docx.docx"}

// The seed imports to exactly its structure from every file made of it: five
// aspects of three problems each, four causes, three measures with their
// targets (quantities unknown: XX), and the preface with its three counts.
func TestSeedImportsExactly(t *testing.T) {
	for _, path := range seedFiles {
		t.Run(filepath.Base(path), func(t *testing.T) {
			s, rep, err := importFile(context.Background(), path, "")
			if err != nil {
				t.Fatal(err)
			}
			if rep.Framework != "2021" || len(rep.Warnings) != 0 {
				t.Errorf("framework %q, warnings %v", rep.Framework, rep.Warnings)
			}
			if !strings.Contains(s.Title, "2021年专题民主生活会对照检查材料") {
				t.Errorf("title %q", s.Title)
			}
			if len(s.Parts) != 3 {
				t.Fatalf("%d parts, want 3", len(s.Parts))
			}
			problems, causes, measures := s.Parts[0], s.Parts[1], s.Parts[2]
			if problems.Kind != jingzi.PartProblems || causes.Kind != jingzi.PartCauses || measures.Kind != jingzi.PartMeasures {
				t.Fatalf("part kinds %s %s %s", problems.Kind, causes.Kind, measures.Kind)
			}
			if len(problems.Sections) != 5 {
				t.Fatalf("%d aspects, want 5", len(problems.Sections))
			}
			for i, sec := range problems.Sections {
				if sec.AspectIndex != i || len(sec.Items) != 3 {
					t.Errorf("aspect %d: mapped to %d with %d problems", i, sec.AspectIndex, len(sec.Items))
				}
			}
			if len(causes.Items) != 4 || len(measures.Items) != 3 {
				t.Errorf("%d causes, %d measures; want 4 and 3", len(causes.Items), len(measures.Items))
			}
			var targets []string
			for _, it := range measures.Items {
				for _, tg := range it.Targets {
					if tg.Quantity != nil {
						t.Errorf("target %q has quantity %d, want unknown", tg.Text, *tg.Quantity)
					}
					targets = append(targets, tg.Unit)
				}
			}
			if strings.Join(targets, "") != "家篇本次" {
				t.Errorf("target units %v, want 家 篇 本 次", targets)
			}
			if got := s.Parts[0].Sections[0].Items[0].Heading; got != "理论学习不系统。" {
				t.Errorf("first problem %q", got)
			}
			if len(s.Counts) != 3 || !strings.Contains(s.Preface, jingzi.CountTalks.Token()) || !strings.Contains(s.Preface, "现对照检查如下") {
				t.Errorf("preface counts %+v", s.Counts)
			}
		})
	}
}

// import(export(S)) equals S for the seed and every fixture, through each format.
func TestExportImportRoundTrip(t *testing.T) {
	files := append([]string{}, seedFiles...)
	fixtures, _ := filepath.Glob("../../outline/testdata/*.txt")
	files = append(files, fixtures...)
	ctx := context.Background()
	for _, path := range files {
		s, _, err := importFile(ctx, path, "")
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, format := range []string{jingzi.FormatDocx, jingzi.FormatMarkdown, jingzi.FormatText} {
			data, _, err := documents{}.ExportStatement(ctx, s, format)
			if err != nil {
				t.Fatal(err)
			}
			back, _, err := documents{}.ImportStatement(ctx, "export."+format, data, nil)
			if err != nil {
				t.Fatalf("%s → %s: %v", filepath.Base(path), format, err)
			}
			if !reflect.DeepEqual(back, s) {
				t.Errorf("%s → %s → import differs:\n%s", filepath.Base(path), format, firstDifference(s, back))
			}
		}
	}
}

func firstDifference(a, b *jingzi.Statement) string {
	la, lb := strings.Split(a.Document().PlainText(), "\n"), strings.Split(b.Document().PlainText(), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "want " + la[i] + "\n got " + lb[i]
		}
	}
	if a.Title != b.Title || a.Preface != b.Preface {
		return "title or preface: " + a.Title + " / " + b.Title
	}
	return "structure (targets, examples or counts) differs"
}

// Bad input gets a clear Chinese message and nothing else.
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	gbk := []byte{0xc3, 0xf1, 0xd5, 0xfe, 0xbe, 0xd6, 0xb6, 0xd4, 0xd5, 0xd5, 0xbc, 0xec, 0xb2, 0xe9, 0xb2, 0xc4, 0xc1, 0xcf} // 民政局对照检查材料
	cases := map[string][]byte{
		"broken.docx": []byte("PK\x03\x04 this is not a zip"),
		"binary.txt":  {0, 1, 2, 3, 0xff, 0xfe, 0, 0, 9, 0},
		"legacy.doc":  append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...),
		"notes.pdf":   []byte("%PDF-1.4"),
	}
	for name, data := range cases {
		_, _, err := documents{}.ImportStatement(context.Background(), name, data, nil)
		if jingzi.ErrorCode(err) != jingzi.EINVALID || !containsHan(jingzi.ErrorMessage(err)) {
			t.Errorf("%s: %v, want EINVALID with a Chinese message", name, err)
		}
	}
	os.WriteFile(filepath.Join(dir, "gbk.txt"), append(gbk, '\n'), 0o600)
	s, _, err := importFile(context.Background(), filepath.Join(dir, "gbk.txt"), "2021")
	if err != nil || s.Title != "民政局对照检查材料" {
		t.Errorf("GBK file: %v, title %q", err, s.Title)
	}
	big := make([]byte, MaxImportBytes+1)
	if _, _, err := (documents{}).ImportStatement(context.Background(), "big.txt", big, nil); jingzi.ErrorCode(err) != jingzi.EINVALID {
		t.Errorf("oversized: %v", err)
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
