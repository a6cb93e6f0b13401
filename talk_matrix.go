package jingzi

import (
	"sort"
	"strings"
	"time"
)

// PairKind is which of the 四必谈 a required pair belongs to.
type PairKind string

const (
	PairHead       PairKind = "head"       // 主要负责人与班子成员必谈
	PairMembers    PairKind = "members"    // 班子成员之间必谈
	PairDepartment PairKind = "department" // 班子成员与分管部门负责人必谈
	PairBranch     PairKind = "branch"     // 班子成员与所在支部党员代表必谈
)

// Label is the Chinese name of the kind.
func (k PairKind) Label() string {
	switch k {
	case PairHead:
		return "主要负责人与班子成员"
	case PairMembers:
		return "班子成员之间"
	case PairDepartment:
		return "班子成员与分管部门负责人"
	case PairBranch:
		return "班子成员与所在支部党员代表"
	}
	return string(k)
}

// BranchCounterpart names the counterpart of every PairBranch pair.
const BranchCounterpart = "所在支部党员代表"

// TalkPair 必谈对象 is one required pair of the 四必谈 and the talks that fill
// it. A pair of two roster participants is one pair, whichever of them spoke
// first: one talk covers it in both directions.
type TalkPair struct {
	Kind          PairKind
	ParticipantID int64 // the roster participant (the one earlier on the roster)
	Name          string
	CounterpartID int64  // the other roster participant, 0 for an outside counterpart
	Counterpart   string // a name, "<department>负责人" or BranchCounterpart
	Department    string // for PairDepartment
	Talks         []*Talk
}

// Done reports whether a talk fills the pair.
func (p *TalkPair) Done() bool { return len(p.Talks) > 0 }

// Date returns the day of the first talk that filled the pair, or nil.
func (p *TalkPair) Date() *time.Time {
	if len(p.Talks) == 0 {
		return nil
	}
	return &p.Talks[0].Date
}

// Involves reports whether the participant is one side of the pair.
func (p *TalkPair) Involves(participantID int64) bool {
	return participantID != 0 && (p.ParticipantID == participantID || p.CounterpartID == participantID)
}

// TalkMatrix 四必谈 is every required pair of a meeting with done or missing,
// and the counts of the talks behind it.
type TalkMatrix struct {
	MeetingID int64
	Pairs     []*TalkPair
	Required  int // pairs required
	Done      int // pairs filled by at least one talk
	Talks     int // talks counted
	// PersonTimes 人次: each talk counts once per roster participant who took
	// part (Talk.PersonTimes).
	PersonTimes int
}

// Missing is the number of required pairs without a talk.
func (x *TalkMatrix) Missing() int { return x.Required - x.Done }

// Pair returns the pair of two roster participants, in either order, or nil.
func (x *TalkMatrix) Pair(a, b int64) *TalkPair {
	for _, p := range x.Pairs {
		if p.CounterpartID != 0 && (p.ParticipantID == a && p.CounterpartID == b || p.ParticipantID == b && p.CounterpartID == a) {
			return p
		}
	}
	return nil
}

// Progress is the matrix as the phase strip counts it.
func (x *TalkMatrix) Progress() *TalkProgress {
	return &TalkProgress{RequiredPairs: x.Required, MissingPairs: x.Missing(), Talks: x.PersonTimes}
}

// Outside returns the participant's pairs with outside counterparts of a kind,
// in portfolio order.
func (x *TalkMatrix) Outside(participantID int64, kind PairKind) []*TalkPair {
	var out []*TalkPair
	for _, p := range x.Pairs {
		if p.Kind == kind && p.ParticipantID == participantID {
			out = append(out, p)
		}
	}
	return out
}

// BuildTalkMatrix generates the 四必谈 pairs from the roster and fills them with
// the talks: head ↔ each member and member ↔ member (every two participants
// once); every participant ↔ the head of each department in their 分管
// portfolio; every participant ↔ the party-member representatives of their
// branch (one pair each). The head is a member of the team too, so the head's
// own 分管 departments and branch are required as well. A talk with an outside
// person fills a department pair when the person is a 分管部门负责人 of that
// department, and the branch pair when the person is a 支部党员代表.
func BuildTalkMatrix(m *Meeting, talks []*Talk) *TalkMatrix {
	x := &TalkMatrix{MeetingID: m.ID}
	ps := m.Participants
	for i, a := range ps {
		for _, b := range ps[i+1:] {
			kind := PairMembers
			if a.Head || b.Head {
				kind = PairHead
			}
			x.Pairs = append(x.Pairs, &TalkPair{Kind: kind, ParticipantID: a.ID, Name: a.Name, CounterpartID: b.ID, Counterpart: b.Name})
		}
	}
	for _, a := range ps {
		seen := map[string]bool{}
		for _, dept := range a.Portfolio {
			if dept = strings.TrimSpace(dept); dept != "" && !seen[dept] {
				seen[dept] = true
				x.Pairs = append(x.Pairs, &TalkPair{Kind: PairDepartment, ParticipantID: a.ID, Name: a.Name,
					Counterpart: dept + "负责人", Department: dept})
			}
		}
		x.Pairs = append(x.Pairs, &TalkPair{Kind: PairBranch, ParticipantID: a.ID, Name: a.Name, Counterpart: BranchCounterpart})
	}
	sorted := append([]*Talk(nil), talks...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if !sorted[i].Date.Equal(sorted[j].Date) {
			return sorted[i].Date.Before(sorted[j].Date)
		}
		return sorted[i].ID < sorted[j].ID
	})
	for _, t := range sorted {
		x.Talks++
		x.PersonTimes += t.PersonTimes()
		if p := x.pairOf(t); p != nil {
			p.Talks = append(p.Talks, t)
		}
	}
	x.count()
	return x
}

// pairOf returns the required pair a talk fills, or nil.
func (x *TalkMatrix) pairOf(t *Talk) *TalkPair {
	a, b := t.A, t.B
	if !a.OnRoster() {
		a, b = b, a
	}
	switch {
	case !a.OnRoster():
		return nil
	case b.OnRoster():
		return x.Pair(a.ParticipantID, b.ParticipantID)
	case b.Kind == PersonBranchRep:
		if list := x.Outside(a.ParticipantID, PairBranch); len(list) > 0 {
			return list[0]
		}
	case b.Kind == PersonDeptHead:
		for _, p := range x.Outside(a.ParticipantID, PairDepartment) {
			if p.Department == strings.TrimSpace(b.Department) {
				return p
			}
		}
	}
	return nil
}

func (x *TalkMatrix) count() {
	x.Required, x.Done = len(x.Pairs), 0
	for _, p := range x.Pairs {
		if p.Done() {
			x.Done++
		}
	}
}

// Only returns the matrix as one participant sees it: their own pairs, and
// their own talks counted (each once, so Talks and PersonTimes agree).
func (x *TalkMatrix) Only(participantID int64, talks []*Talk) *TalkMatrix {
	out := &TalkMatrix{MeetingID: x.MeetingID}
	for _, p := range x.Pairs {
		if p.Involves(participantID) {
			out.Pairs = append(out.Pairs, p)
		}
	}
	for _, t := range talks {
		if t.Involves(participantID) {
			out.Talks++
			out.PersonTimes++
		}
	}
	out.count()
	return out
}

// PersonTimesByParticipant counts, for each roster participant, the talks they
// took part in. The values add up to the meeting's 人次.
func PersonTimesByParticipant(talks []*Talk) map[int64]int {
	out := map[int64]int{}
	for _, t := range talks {
		for _, s := range []TalkSide{t.A, t.B} {
			if s.OnRoster() {
				out[s.ParticipantID]++
			}
		}
	}
	return out
}
