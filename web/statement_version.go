package web

import (
	"net/http"
	"sort"
	"strconv"

	"jingzi"
)

// statementVersionsPage 版本记录 lists every saved version, newest first, with a
// form to compare any two; with Compare set (版本比较) it shows two versions block
// by block with the changed characters marked.
type statementVersionsPage struct {
	Statement *jingzi.Statement
	Meeting   *jingzi.Meeting
	Versions  []*jingzi.StatementVersion
	From, To  int
	Compare   bool
	Groups    []compareGroup
	Changes   int
}

func (p statementVersionsPage) meeting() *jingzi.Meeting { return p.Meeting }

// compareGroup is a run of blocks that are all unchanged or all changed; a long
// unchanged run is folded away.
type compareGroup struct {
	Same   bool
	Blocks []compareBlock
}

// compareBlock is one paragraph; Ops are its marked runs when it changed.
type compareBlock struct {
	Text   string
	Status string // "", 修改, 新增, 删除
	Ops    []compareOp
}

type compareOp struct {
	Tag  string // "ins", "del" or "" for unchanged text
	Text string
}

func (s *Server) statementVersions(w http.ResponseWriter, r *http.Request) {
	p, err := s.versionsPage(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "statement_versions", "版本记录 · "+p.Statement.Title, p)
}

func (s *Server) versionsPage(r *http.Request) (statementVersionsPage, error) {
	st, m, err := s.findStatement(r)
	if err != nil {
		return statementVersionsPage{}, err
	}
	versions, err := s.StatementService.FindStatementVersions(r.Context(), st.ID)
	if err != nil {
		return statementVersionsPage{}, err
	}
	sort.Slice(versions, func(i, j int) bool { return versions[i].Version > versions[j].Version })
	p := statementVersionsPage{Statement: st, Meeting: m, Versions: versions, From: st.Version - 1, To: st.Version}
	if p.From < 1 {
		p.From = 1
	}
	return p, nil
}

// compareStatement compares ?from=A&to=B (by default the last two versions).
func (s *Server) compareStatement(w http.ResponseWriter, r *http.Request) {
	vp, err := s.versionsPage(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := vp
	p.Compare = true
	q := r.URL.Query()
	if p.From, err = versionParam(q.Get("from"), vp.From, vp.Statement.Version); err == nil {
		p.To, err = versionParam(q.Get("to"), vp.To, vp.Statement.Version)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	from, err := s.StatementService.FindStatementVersion(r.Context(), p.Statement.ID, p.From)
	if err != nil {
		s.error(w, r, err)
		return
	}
	to, err := s.StatementService.FindStatementVersion(r.Context(), p.Statement.ID, p.To)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Groups, p.Changes = compareGroups(jingzi.DiffStatements(from, to))
	title := "第" + strconv.Itoa(p.From) + "版与第" + strconv.Itoa(p.To) + "版比较 · " + vp.Statement.Title
	s.render(w, r, http.StatusOK, "statement_versions", title, p)
}

// versionParam reads a version number of the query; empty takes def.
func versionParam(v string, def, latest int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > latest {
		return 0, jingzi.Errorf(jingzi.EINVALID, "请选择第1至第%d版之间的版本进行比较。", latest)
	}
	return n, nil
}

// compareGroups turns the block diff into runs for the page and counts the
// changed blocks.
func compareGroups(diff []jingzi.BlockDiff) ([]compareGroup, int) {
	var groups []compareGroup
	changes := 0
	for _, d := range diff {
		b := compareBlock{Text: d.New}
		if d.Changed() {
			changes++
			b.Status = "修改"
			if d.Old == "" {
				b.Status = "新增"
			} else if d.New == "" {
				b.Status = "删除"
			}
			for _, op := range d.Ops {
				b.Ops = append(b.Ops, compareOp{Tag: opTags[op.Kind], Text: op.Text})
			}
		}
		same := !d.Changed()
		if n := len(groups); n > 0 && groups[n-1].Same == same {
			groups[n-1].Blocks = append(groups[n-1].Blocks, b)
		} else {
			groups = append(groups, compareGroup{Same: same, Blocks: []compareBlock{b}})
		}
	}
	return groups, changes
}

var opTags = map[byte]string{'+': "ins", '-': "del", '=': ""}
