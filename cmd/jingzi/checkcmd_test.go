package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `jingzi check` reports the seed's placeholders at the seed's own lines, exits
// 1 on error findings, 2 on an unreadable file, 0 on a clean statement, and its
// JSON parses.
func TestCheckCommand(t *testing.T) {
	out, code := runBin(t, "", "check", seedTxt)
	if code != 1 {
		t.Errorf("seed: exit %d, want 1", code)
	}
	// The first XX of the preface is on line 3 of the file (line 2 is blank).
	if !strings.Contains(out, "seed.txt:3:") || !strings.Contains(out, "placeholder") || !strings.Contains(out, "不达标") {
		t.Errorf("seed findings:\n%.2000s", out)
	}
	if n := strings.Count(out, "placeholder"); n < 27 {
		t.Errorf("%d placeholder findings, want at least 25 XX and 2 X中X会", n)
	}

	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.txt")
	os.WriteFile(clean, []byte(cleanStatement), 0o600)
	if out, code := runBin(t, "", "check", clean); code != 0 {
		t.Errorf("clean statement: exit %d\n%s", code, out)
	}
	if _, code := runBin(t, "", "check", clean, filepath.Join(dir, "missing.docx")); code != 2 {
		t.Errorf("with a missing file: exit %d, want 2", code)
	}

	out, _ = runBin(t, "", "check", "--format", "json", seedTxt, clean)
	dec := json.NewDecoder(strings.NewReader(out))
	var files []map[string]any
	for dec.More() {
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("json: %v\n%.500s", err, out)
		}
		files = append(files, v)
	}
	if len(files) != 2 || files[0]["grade"] != "不达标" {
		t.Errorf("json objects: %d, first %v", len(files), files[0]["grade"])
	}
}

// A passage copied from a template in --corpus is reported with its source.
func TestCheckCorpus(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "templates")
	os.Mkdir(tpl, 0o755)
	copied := "工作的锐气和劲头有所减弱，契而不舍狠抓落实的主动性不如以前，持续树立大抓基层的导向不坚决，一以贯之地抓好基层组织建设有欠缺"
	os.WriteFile(filepath.Join(tpl, "范文一.txt"), []byte("对照检查材料范文\n"+strings.Repeat("这是范文中一段与众不同的文字，讲述了某单位的做法。", 3)+copied+"。\n"), 0o600)
	file := filepath.Join(dir, "mine.txt")
	os.WriteFile(file, []byte(strings.Replace(cleanStatement, "比如2021年只到基层调研3次。", "比如2021年只到基层调研3次，"+copied+"。", 1)), 0o600)
	out, _ := runBin(t, "", "check", "--corpus", tpl, file)
	if !strings.Contains(out, "simcheck.copy") || !strings.Contains(out, "模板《范文一.txt》") {
		t.Errorf("copied passage not reported:\n%s", out)
	}
}

const cleanStatement = `王建国同志2021年度专题民主生活会对照检查材料
按照市委部署，会前参加学习研讨4次，开展谈心谈话12人次，征求8个单位意见建议23条，现对照检查如下：
一、存在问题及表现
（一）在对照深刻感悟“两个确立”方面。
一是理论学习不系统。比如2021年只到基层调研3次。
（二）在带头牢记我们党是什么、要干什么方面。
一是抓党建有欠缺。比如2021年第三季度只参加支部活动1次。
（三）在带头践行以人民为中心的发展思想方面。
一是联系群众不够。比如2021年接待来访群众只有5批次。
（四）在带头学习运用党在不同时期成功应对风险挑战的丰富经验方面。
一是攻坚克难劲头不足。比如2021年养老机构改造项目拖期2个月。
（五）在带头深刻汲取历史中正反两方面经验方面。
一是廉政风险监管不够。比如2021年对直属单位资金检查只有1次。
二、原因剖析
（一）理论学习有所放松。把学习当作软任务，挤时间学、钻进去学做得不够。
（二）宗旨意识有所淡化。站在群众立场想问题、办事情的自觉性不强。
三、努力方向和整改措施
一是加强理论学习。2022年6月底前通读《习近平谈治国理政》第四卷，全年撰写心得体会不少于4篇。
二是改进工作作风。全年深入基层调研不少于20次，2022年3月底前建立调研问题清单。
`
