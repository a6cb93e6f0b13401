package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"jingzi"
	"jingzi/archive"
	"jingzi/filestore"
	"jingzi/sqldb"
	"jingzi/web"
)

// archiver builds a meeting's 归档包 from the services, as the calling
// organiser sees the meeting: every document jingzi generates for it, the
// records, and the uploaded files. Minutes and ledger are optional until wired.
type archiver struct {
	statements    jingzi.StatementService
	docs          jingzi.DocumentService
	studies       jingzi.StudyService
	talks         jingzi.TalkService
	solicitations jingzi.SolicitationService
	opinions      jingzi.OpinionService
	progress      jingzi.ProgressSource
	minutes       jingzi.MinutesService // nil: no 会议记录 or 情况报告
	ledger        jingzi.LedgerService  // nil: no 整改 documents or 佐证材料
	now           func() time.Time
}

// Folders of the package, in the order of the cycle.
const (
	dirStatements = "01-对照检查材料"
	dirStudies    = "02-学习研讨"
	dirOpinions   = "03-征求意见"
	dirTalks      = "04-谈心谈话"
	dirMinutes    = "05-会议记录和情况报告"
	dirLedger     = "06-整改"
	dirEvidence   = "07-佐证材料"
)

// pack is a package being written: names are cleaned and kept unique.
type pack struct {
	w     *archive.Writer
	names map[string]bool
}

// add writes one entry under dir, renaming "名称.docx" to "名称（2）.docx"
// when the name is taken.
func (p *pack) add(dir, name string, r io.Reader) error {
	name = entryName(name)
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	full := dir + "/" + name
	for i := 2; p.names[full]; i++ {
		full = fmt.Sprintf("%s/%s（%d）%s", dir, base, i, ext)
	}
	p.names[full] = true
	return p.w.Add(full, r)
}

// entryName makes a title or an uploaded file's name safe as one path
// element: no separators, drive colons, wildcards or control characters.
func entryName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return -1
		case strings.ContainsRune(`/\:*?"<>|`, r):
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, ". ")
	if utf8.RuneCountInString(s) > 80 {
		ext := path.Ext(s)
		if utf8.RuneCountInString(ext) > 10 {
			ext = ""
		}
		s = string([]rune(s)[:80-utf8.RuneCountInString(ext)]) + ext
	}
	if s == "" {
		return "文件"
	}
	return s
}

// build writes the package; it is the sqldb.ArchiveBuilder of the server.
func (a *archiver) build(ctx context.Context, m *jingzi.Meeting, arc *jingzi.Archive, w io.Writer) (int, error) {
	p := &pack{names: map[string]bool{}, w: archive.NewWriter(w, archive.Manifest{MeetingID: m.ID, Org: m.OrgName,
		Year: m.Year, Title: m.Title, CreatedAt: arc.CreatedAt, CreatedBy: arc.CreatedBy, Reason: arc.Reason})}
	statements, err := a.addStatements(ctx, m, p)
	if err != nil {
		return 0, err
	}
	for _, step := range []func(context.Context, *jingzi.Meeting, *pack) error{a.addStudies, a.addOpinions, a.addTalks} {
		if err := step(ctx, m, p); err != nil {
			return 0, err
		}
	}
	if err := a.addMinutes(ctx, m, statements, p); err != nil {
		return 0, err
	}
	if err := a.addLedger(ctx, m, p); err != nil {
		return 0, err
	}
	man, err := p.w.Close()
	if err != nil {
		return 0, err
	}
	return len(man.Entries), nil
}

// addDocument renders a generated document as GB/T 9704 .docx.
func (a *archiver) addDocument(ctx context.Context, p *pack, dir, name string, d *jingzi.Document) error {
	data, _, err := a.docs.ExportDocument(ctx, d, jingzi.FormatDocx)
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	return p.add(dir, name+".docx", bytes.NewReader(data))
}

// addStatements adds every statement the organiser sees, the team's first.
func (a *archiver) addStatements(ctx context.Context, m *jingzi.Meeting, p *pack) ([]*jingzi.Statement, error) {
	list, _, err := a.statements.FindStatements(ctx, jingzi.StatementFilter{MeetingID: &m.ID})
	if err != nil {
		return nil, err
	}
	var full []*jingzi.Statement
	for _, brief := range list {
		s, err := a.statements.FindStatementByID(ctx, brief.ID)
		if err != nil {
			return nil, err
		}
		full = append(full, s)
	}
	for _, s := range full {
		if s.ParticipantID != 0 {
			continue
		}
		if err := a.addDocument(ctx, p, dirStatements, "领导班子", s.Document()); err != nil {
			return nil, err
		}
	}
	for _, s := range full {
		if s.ParticipantID == 0 {
			continue
		}
		if err := a.addDocument(ctx, p, dirStatements, s.OwnerLabel(), s.Document()); err != nil {
			return nil, err
		}
	}
	return full, nil
}

// addStudies adds the 学习研讨 record and every uploaded material.
func (a *archiver) addStudies(ctx context.Context, m *jingzi.Meeting, p *pack) error {
	list, _, err := a.studies.FindStudies(ctx, jingzi.StudyFilter{MeetingID: &m.ID})
	if err != nil || len(list) == 0 {
		return err
	}
	var full []*jingzi.Study
	for _, brief := range list {
		st, err := a.studies.FindStudyByID(ctx, brief.ID)
		if err != nil {
			return err
		}
		full = append(full, st)
	}
	if err := a.addDocument(ctx, p, dirStudies, "学习研讨记录", studyRecord(m, full)); err != nil {
		return err
	}
	for i, st := range full {
		for _, f := range st.Files {
			_, rc, err := a.studies.OpenStudyFile(ctx, f.ID)
			if err != nil {
				return fmt.Errorf("study file %s: %w", f.Name, err)
			}
			err = p.add(dirStudies+"/学习材料", fmt.Sprintf("%02d-%s", i+1, f.Name), rc)
			rc.Close()
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// addOpinions adds the 意见建议清单 of every solicitation, anonymous as stored.
func (a *archiver) addOpinions(ctx context.Context, m *jingzi.Meeting, p *pack) error {
	sols, _, err := a.solicitations.FindSolicitations(ctx, jingzi.SolicitationFilter{MeetingID: &m.ID})
	if err != nil || len(sols) == 0 {
		return err
	}
	var rows [][]any
	for _, sol := range sols {
		list, _, err := a.opinions.FindOpinions(ctx, jingzi.OpinionFilter{SolicitationID: &sol.ID})
		if err != nil {
			return err
		}
		rows = append(rows, opinionSheetRows(m, sol, list)...)
	}
	data, err := workbook("意见建议清单", m.Title+"意见建议清单", opinionHeader, rows)
	if err != nil {
		return err
	}
	return p.add(dirOpinions, "意见建议清单.xlsx", bytes.NewReader(data))
}

// addTalks adds the 谈心谈话 record.
func (a *archiver) addTalks(ctx context.Context, m *jingzi.Meeting, p *pack) error {
	list, _, err := a.talks.FindTalks(ctx, jingzi.TalkFilter{MeetingID: &m.ID})
	if err != nil || len(list) == 0 {
		return err
	}
	return a.addDocument(ctx, p, dirTalks, "谈心谈话记录", talkRecord(m, list))
}

// addMinutes adds 会议记录 and 情况报告 once the minutes are saved.
func (a *archiver) addMinutes(ctx context.Context, m *jingzi.Meeting, statements []*jingzi.Statement, p *pack) error {
	if a.minutes == nil {
		return nil
	}
	min, err := a.minutes.FindMinutes(ctx, m.ID)
	if err != nil || !min.Saved {
		return err
	}
	d := jingzi.MinutesDocument(m, min, statements)
	if err := a.addDocument(ctx, p, dirMinutes, "会议记录", &d); err != nil {
		return err
	}
	prog := jingzi.ProgressOf(m)
	if a.progress != nil {
		if prog, err = a.progress.MeetingProgress(ctx, m.ID); err != nil {
			return err
		}
	}
	r := jingzi.MeetingReportDocument(m, min, prog, statements)
	return a.addDocument(ctx, p, dirMinutes, "情况报告", &r)
}

// addLedger adds the 整改台账 .xlsx (the same workbook as the download), 通报,
// 整改落实情况报告 and the 佐证材料.
func (a *archiver) addLedger(ctx context.Context, m *jingzi.Meeting, p *pack) error {
	if a.ledger == nil {
		return nil
	}
	items, err := web.LedgerItemsForExport(ctx, a.ledger, m)
	if err != nil || len(items) == 0 {
		return err
	}
	data, err := web.LedgerWorkbook(m, items)
	if err != nil {
		return err
	}
	if err := p.add(dirLedger, "整改台账.xlsx", bytes.NewReader(data)); err != nil {
		return err
	}
	now := a.now()
	b := jingzi.BulletinDocument(m, items, now)
	if err := a.addDocument(ctx, p, dirLedger, "整改情况通报", &b); err != nil {
		return err
	}
	r := jingzi.RectificationReportDocument(m, items, now)
	if err := a.addDocument(ctx, p, dirLedger, "整改落实情况报告", &r); err != nil {
		return err
	}
	return a.addEvidence(ctx, items, p)
}

// addEvidence adds each item's files, oldest first, named by the item's number
// in this meeting's ledger.
func (a *archiver) addEvidence(ctx context.Context, items []*jingzi.LedgerItem, p *pack) error {
	for _, it := range items {
		for i := len(it.Progress) - 1; i >= 0; i-- {
			for _, e := range it.Progress[i].Evidence {
				_, rc, err := a.ledger.OpenEvidence(ctx, e.ID)
				if err != nil {
					return fmt.Errorf("evidence %s: %w", e.Name, err)
				}
				err = p.add(dirEvidence, fmt.Sprintf("%02d-%s", it.Seq, e.Name), rc)
				rc.Close()
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// maxArchiveBytes bounds one 归档包 in the file store.
const maxArchiveBytes = 4 << 30

// newArchiveService wires 归档: packages go to the uploads' directory through
// a store that also keeps .zip files. The builder takes the server's services
// when it runs, so that a service wired later (minutes, ledger) is included.
func newArchiveService(db *sqldb.DB, files *filestore.Store, srv *web.Server) *sqldb.ArchiveService {
	store := &filestore.Store{Dir: files.Dir, MaxBytes: maxArchiveBytes, Zip: true}
	return sqldb.NewArchiveService(db, store, func(ctx context.Context, m *jingzi.Meeting, a *jingzi.Archive, w io.Writer) (int, error) {
		return archiverOf(srv).build(ctx, m, a, w)
	})
}

func archiverOf(srv *web.Server) *archiver {
	return &archiver{statements: srv.StatementService, docs: srv.DocumentService, studies: srv.StudyService,
		talks: srv.TalkService, solicitations: srv.SolicitationService, opinions: srv.OpinionService,
		progress: srv.ProgressSource, minutes: srv.MinutesService, ledger: srv.LedgerService, now: srv.Now}
}
