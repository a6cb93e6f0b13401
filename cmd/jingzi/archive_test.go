package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jingzi"
	"jingzi/archive"
	"jingzi/sqldb"
)

// The demo meeting archived through the real services: the stored package has
// the hash the service recorded, holds the documents and records of every
// phase with their manifest, verifies, and fails to verify with one byte
// changed; the meeting is then read-only.
func TestArchiveDemoMeeting(t *testing.T) {
	site := newDemoSite(t)
	ctx := context.Background()
	srv, err := newWebServer(ctx, site.db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	sys := jingzi.SystemContext(ctx, "测试")
	u, err := sqldb.NewUserService(site.db).FindUserByID(sys, site.ids["user:dangban"])
	if err != nil {
		t.Fatal(err)
	}
	org := jingzi.NewContextWithActor(ctx, &jingzi.Actor{User: u, OrgID: u.OrgID})
	mid := site.ids["meeting:江城市民政局党委"]
	a, err := srv.ArchiveService.ArchiveMeeting(org, mid, "演示：整改仍在进行，先行归档")
	if err != nil {
		t.Fatal(err)
	}
	_, rc, err := srv.ArchiveService.OpenArchive(org, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != a.SHA256 || int64(len(data)) != a.Size {
		t.Fatalf("stored package differs from the recorded hash and size")
	}
	rep, err := archive.Verify(bytes.NewReader(data), int64(len(data)))
	if err != nil || !rep.OK() || rep.Verified != a.Files {
		t.Fatalf("verify: %v %+v", err, rep)
	}
	names := map[string]bool{}
	for _, e := range rep.Manifest.Entries {
		names[e.Path] = true
	}
	for _, want := range []string{"01-对照检查材料/领导班子.docx", "02-学习研讨/学习研讨记录.docx",
		"03-征求意见/意见建议清单.xlsx", "04-谈心谈话/谈心谈话记录.docx",
		"05-会议记录和情况报告/会议记录.docx", "05-会议记录和情况报告/情况报告.docx"} {
		if !names[want] {
			t.Errorf("package lacks %s; it has %v", want, names)
		}
	}
	// The ledger sheet is the workbook the 整改台账 page downloads.
	zr0, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	sheet, err := zr0.Open("06-整改/整改台账.xlsx")
	if err != nil {
		t.Fatalf("package lacks the ledger sheet: %v", err)
	}
	book, err := excelize.OpenReader(sheet)
	sheet.Close()
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := book.GetRows("整改台账")
	book.Close()
	if len(rows) < 2 || strings.Join(rows[0], ",") != "序号,方面,问题,来源,整改措施,责任领导,责任部门,责任人,时限,进展,状态,佐证材料,销号日期" {
		t.Errorf("ledger sheet in the package: %v", rows)
	}
	material := false // the uploaded study file, under its session's number
	for name := range names {
		material = material || strings.HasPrefix(name, "02-学习研讨/学习材料/") && strings.HasSuffix(name, "-学习材料.txt")
	}
	if !material {
		t.Errorf("package lacks the uploaded study material: %v", names)
	}
	if rep.Manifest.Reason != "演示：整改仍在进行，先行归档" || rep.Manifest.MeetingID != mid || !strings.Contains(rep.Manifest.CreatedBy, "孙丽") {
		t.Errorf("manifest header %+v", rep.Manifest)
	}

	// One byte changed in the first document's content.
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	off, _ := zr.File[0].DataOffset()
	bad := bytes.Clone(data)
	bad[off+3] ^= 0x20
	if rep, err := archive.Verify(bytes.NewReader(bad), int64(len(bad))); err == nil && rep.OK() {
		t.Fatal("a package with a changed byte verified")
	}

	talk := &jingzi.Talk{MeetingID: mid, Date: time.Date(2021, 12, 23, 0, 0, 0, 0, time.UTC), Topics: "补谈",
		A: jingzi.TalkSide{ParticipantID: 0, Name: "陈明", Kind: jingzi.PersonDeptHead, Department: "办公室"}}
	m, _ := srv.MeetingService.FindMeetingByID(org, mid)
	talk.B = jingzi.TalkSide{ParticipantID: m.Participants[0].ID}
	if err := srv.TalkService.RecordTalk(org, talk); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
		t.Errorf("recording a talk in the archived meeting: %v", err)
	}
}
