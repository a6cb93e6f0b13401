package main

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"jingzi"
	"jingzi/check"
	"jingzi/simcheck"
)

// templates is the in-memory 查重 index of the stored templates. It is built
// from the stored sketches at start and updated one template at a time.
type templates struct {
	mu    sync.RWMutex
	idx   *simcheck.Index
	orgOf map[string]string // doc id → path of the org the template serves
	store jingzi.CorpusService
	orgs  jingzi.OrgService
}

// newTemplates loads every stored template into a fresh index.
func newTemplates(ctx context.Context, store jingzi.CorpusService, orgs jingzi.OrgService) (*templates, error) {
	t := &templates{idx: simcheck.NewIndex(simcheck.DefaultOptions()), orgOf: map[string]string{}, store: store, orgs: orgs}
	sys := jingzi.SystemContext(ctx, "查重索引")
	docs, _, err := store.FindCorpusDocs(sys, jingzi.CorpusFilter{WithText: true})
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if err := t.load(sys, d); err != nil {
			return nil, fmt.Errorf("查重模板“%s”：%w", d.Title, err)
		}
	}
	return t, nil
}

func (t *templates) load(ctx context.Context, d *jingzi.CorpusDoc) error {
	sk := &simcheck.DocSketch{}
	if err := sk.UnmarshalBinary(d.Sketch); err != nil {
		sk = simcheck.Sketch(d.Text) // made with other parameters: hash again
	}
	org, err := t.orgs.FindOrgByID(ctx, d.OrgID)
	if err != nil {
		return err
	}
	id := templateID(d.ID)
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.idx.AddSketch(id, simcheck.DocMeta{Corpus: simcheck.CorpusTemplate, Title: d.Title}, sk, d.Text); err != nil {
		return err
	}
	t.orgOf[id] = org.Path
	return nil
}

func templateID(id int64) string { return "template:" + strconv.FormatInt(id, 10) }

// AddCorpusDoc sketches the text, stores it and adds it to the index.
func (t *templates) AddCorpusDoc(ctx context.Context, d *jingzi.CorpusDoc) error {
	sk, err := simcheck.Sketch(d.Text).MarshalBinary()
	if err != nil {
		return err
	}
	d.Sketch = sk
	if err := t.store.AddCorpusDoc(ctx, d); err != nil {
		return err
	}
	return t.load(jingzi.SystemContext(ctx, "查重索引"), d)
}

func (t *templates) FindCorpusDocs(ctx context.Context, f jingzi.CorpusFilter) ([]*jingzi.CorpusDoc, int, error) {
	return t.store.FindCorpusDocs(ctx, f)
}

func (t *templates) DeleteCorpusDoc(ctx context.Context, id int64) error {
	if err := t.store.DeleteCorpusDoc(ctx, id); err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.orgOf, templateID(id))
	return t.idx.Remove(templateID(id))
}

// copies returns the passages of the document copied from the templates that
// serve the org with the given path: its own and its superiors'.
func (t *templates) copies(d *jingzi.Document, orgPath string) []check.Copy {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return findCopies(t.idx, "", d, func(id string) bool { return jingzi.PathWithin(orgPath, t.orgOf[id]) })
}

// checker implements jingzi.CheckService: the rules of package check, with the
// meeting's framework and 查重 against the templates, the colleagues'
// statements of the same meeting and the owner's statement of last year.
type checker struct {
	statements jingzi.StatementService
	meetings   jingzi.MeetingService
	templates  *templates
	counts     jingzi.CountService // nil: no comparison with the records
}

// CheckStatement checks a statement the caller may see.
func (c *checker) CheckStatement(ctx context.Context, id int64) (*jingzi.CheckReport, error) {
	_, rep, err := c.check(ctx, id)
	return rep, err
}

// check loads the statement and checks it; the statement tells which version
// the report is about.
func (c *checker) check(ctx context.Context, id int64) (*jingzi.Statement, *jingzi.CheckReport, error) {
	s, err := c.statements.FindStatementByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	m, err := c.meetings.FindMeetingByID(ctx, s.MeetingID)
	if err != nil {
		return nil, nil, err
	}
	d := s.Document()
	copies := c.templates.copies(d, m.OrgPath)
	peers, err := c.peerCopies(ctx, s, m, d)
	if err != nil {
		return nil, nil, err
	}
	opts := check.Options{Framework: m.Framework, Year: m.Year, Copies: append(copies, peers...)}
	if c.counts != nil {
		// Without the counts the rest of the check still stands.
		if rc, err := c.counts.StatementCounts(ctx, s); err == nil {
			s.ApplyRecordCounts(rc)
			opts.RecordCounts = rc
		}
	}
	return s, check.Check(s, opts), nil
}

// peerCopies compares with the colleagues' statements of the meeting (千人一面)
// and with the owner's statement in the team's previous meeting. The caller may
// not read those; only the name of the source and the caller's own text are shown.
func (c *checker) peerCopies(ctx context.Context, s *jingzi.Statement, m *jingzi.Meeting, d *jingzi.Document) ([]check.Copy, error) {
	sys := jingzi.SystemContext(ctx, "查重")
	idx := simcheck.NewIndex(simcheck.DefaultOptions())
	var docs []simcheck.Doc
	add := func(list []*jingzi.Statement, corpus, suffix string) {
		for _, o := range list {
			if o.ID == s.ID {
				continue
			}
			docs = append(docs, simcheck.Doc{ID: "statement:" + strconv.FormatInt(o.ID, 10), Corpus: corpus,
				Title: o.OwnerLabel() + suffix, Text: o.Document().PlainText()})
		}
	}
	same, _, err := c.statements.FindStatements(sys, jingzi.StatementFilter{MeetingID: &m.ID})
	if err != nil {
		return nil, err
	}
	add(same, simcheck.CorpusColleague, "同志的材料")
	if prev := c.previousMeeting(sys, m); prev != nil {
		last, _, err := c.statements.FindStatements(sys, jingzi.StatementFilter{MeetingID: &prev.ID})
		if err != nil {
			return nil, err
		}
		var mine []*jingzi.Statement
		for _, o := range last {
			if o.OwnerLabel() == s.OwnerLabel() {
				mine = append(mine, o)
			}
		}
		add(mine, simcheck.CorpusLastYear, "上年度材料")
	}
	if len(docs) == 0 {
		return nil, nil
	}
	if err := idx.AddBatch(docs); err != nil {
		return nil, err
	}
	return findCopies(idx, "", d, nil), nil
}

// previousMeeting returns the team's meeting of the year before, or nil.
func (c *checker) previousMeeting(ctx context.Context, m *jingzi.Meeting) *jingzi.Meeting {
	list, _, err := c.meetings.FindMeetings(ctx, jingzi.MeetingFilter{OrgID: &m.OrgID})
	if err != nil {
		return nil
	}
	for _, o := range list {
		if o.Year == m.Year-1 && o.Kind == m.Kind {
			return o
		}
	}
	return nil
}
