package jingzi

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultThreshold is how many anonymous submissions a solicitation needs before
// its anonymous opinions are shown; MinThreshold is the floor an organiser may set.
const (
	DefaultThreshold = 5
	MinThreshold     = 3
	MaxCodesPerBatch = 500
)

// Solicitation 征求意见 is a campaign of one meeting that collects opinions by
// one-time anonymous codes (匿名码), per-unit form links and manual entry of
// 座谈会 / 个别访谈 / 意见箱 results.
type Solicitation struct {
	ID        int64
	MeetingID int64
	Title     string
	OpensOn   time.Time // first day codes work
	ClosesOn  time.Time // last day codes work
	// Threshold is how many anonymous submissions must be in before any
	// anonymous opinion is shown, per target or at all (小样本不显示).
	Threshold int
	// Released is set when the organiser releases the opinions to the participants (原汁原味反馈).
	Released bool
	// Counts filled when read.
	CodesIssued, CodesUsed, UnitSubmissions int
	CreatedAt                               time.Time
}

// Submissions is the number of anonymous submissions: used codes plus unit-form submissions.
func (s *Solicitation) Submissions() int { return s.CodesUsed + s.UnitSubmissions }

// AnonymousVisible reports whether anonymous opinions may be shown yet.
func (s *Solicitation) AnonymousVisible() bool { return s.Submissions() >= s.Threshold }

// OpenAt reports whether the solicitation takes submissions at t: from the start
// of OpensOn to the end of ClosesOn, in the dates' own location.
func (s *Solicitation) OpenAt(t time.Time) bool {
	end := s.ClosesOn.AddDate(0, 0, 1)
	return !t.Before(s.OpensOn) && t.Before(end)
}

// Validate returns an EINVALID error when the solicitation cannot be stored.
func (s *Solicitation) Validate() error {
	s.Title = strings.TrimSpace(s.Title)
	if s.Threshold == 0 {
		s.Threshold = DefaultThreshold
	}
	switch {
	case s.MeetingID == 0:
		return Errorf(EINVALID, "征求意见必须属于一次会议。")
	case s.Title == "" || utf8.RuneCountInString(s.Title) > 100:
		return Errorf(EINVALID, "请填写征求意见的名称（不超过100个字）。")
	case s.OpensOn.IsZero() || s.ClosesOn.IsZero():
		return Errorf(EINVALID, "请填写征求意见的开始和截止日期。")
	case s.ClosesOn.Before(s.OpensOn):
		return Errorf(EINVALID, "截止日期不能早于开始日期。")
	case s.Threshold < MinThreshold || s.Threshold > 1000:
		return Errorf(EINVALID, "匿名意见显示门槛应为%d至1000之间的整数。", MinThreshold)
	}
	return nil
}

// SolicitationUpdate changes a solicitation; nil fields stay as they are.
type SolicitationUpdate struct {
	Title     *string
	OpensOn   *time.Time
	ClosesOn  *time.Time
	Threshold *int
	Released  *bool
}

// UnitForm 单位征求意见表 is a link for one unit: several people of the unit may
// submit through it, anonymously, and their opinions are marked with the unit.
type UnitForm struct {
	ID             int64
	SolicitationID int64
	Unit           string
	Token          string
	Submissions    int
}

// Ballot 意见征求表 is what the public page needs to let one anonymous person
// write opinions: whom and which aspects they may address. It carries no code.
type Ballot struct {
	SolicitationID int64
	Title          string
	OrgName        string
	Unit           string // set for a unit form
	Participants   []BallotTarget
	Aspects        []string // the framework's short labels, in order
}

// BallotTarget is one participant an opinion may address.
type BallotTarget struct {
	ID    int64
	Name  string
	Title string
}

// codeAlphabet has no 0/O, 1/I/L, so that a code read from paper is typed right.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// CodeLength is the number of significant characters of a code (about 59 bits).
const CodeLength = 12

// NewCode returns a fresh one-time code, grouped as XXXX-XXXX-XXXX.
func NewCode() (string, error) {
	buf := make([]byte, CodeLength)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	var b strings.Builder
	for i, c := range buf {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		// 248 is the largest multiple of 31 below 256; reading on avoids bias.
		for c >= 248 {
			var one [1]byte
			if _, err := rand.Read(one[:]); err != nil {
				return "", err
			}
			c = one[0]
		}
		b.WriteByte(codeAlphabet[int(c)%len(codeAlphabet)])
	}
	return b.String(), nil
}

// NormalizeCode turns what a person typed into the code's canonical form: upper
// case, no spaces or dashes, full-width characters folded; "" when it cannot be a code.
func NormalizeCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0 // full-width ASCII
		}
		switch {
		case r == '-' || r == ' ' || r == '\u3000' || r == '\t':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		if !strings.ContainsRune(codeAlphabet, r) {
			return ""
		}
		b.WriteRune(r)
	}
	if b.Len() != CodeLength {
		return ""
	}
	return b.String()
}

// HashCode is what the store keeps of a code: its SHA-256, never the code.
func HashCode(code string) string {
	sum := sha256.Sum256([]byte("jingzi-code:" + NormalizeCode(code)))
	return hex.EncodeToString(sum[:])
}

// SolicitationService 征求意见.
type SolicitationService interface {
	// FindSolicitationByID returns ENOTFOUND when it does not exist or the caller may not see the meeting.
	FindSolicitationByID(ctx context.Context, id int64) (*Solicitation, error)
	// FindSolicitations lists a meeting's solicitations, oldest first.
	FindSolicitations(ctx context.Context, filter SolicitationFilter) ([]*Solicitation, int, error)
	// CreateSolicitation returns EINVALID, or EFORBIDDEN unless the caller organises the meeting.
	CreateSolicitation(ctx context.Context, s *Solicitation) error
	// UpdateSolicitation returns EINVALID, EFORBIDDEN or ENOTFOUND.
	UpdateSolicitation(ctx context.Context, id int64, upd SolicitationUpdate) (*Solicitation, error)
	// GenerateCodes makes n (1..MaxCodesPerBatch) one-time codes, optionally for a unit,
	// and returns them: this is the only time they exist in clear.
	GenerateCodes(ctx context.Context, id int64, n int, unit string) ([]string, error)
	// CreateUnitForm makes a unit's form link. ECONFLICT when the unit has one.
	CreateUnitForm(ctx context.Context, id int64, unit string) (*UnitForm, error)
	FindUnitForms(ctx context.Context, id int64) ([]*UnitForm, error)

	// The anonymous path: no account. Every refusal of a code — unknown, used,
	// outside the dates — is the same ENOTFOUND, so that nothing can be told apart.
	OpenBallotByCode(ctx context.Context, code string) (*Ballot, error)
	OpenBallotByUnit(ctx context.Context, token string) (*Ballot, error)
	// SubmitByCode marks the code used and stores the opinions in one transaction;
	// EINVALID for empty or oversized opinions (the code stays unused).
	SubmitByCode(ctx context.Context, code string, opinions []*Opinion) error
	SubmitByUnit(ctx context.Context, token string, opinions []*Opinion) error

	// CountOpinions returns 征求意见N条、覆盖N个单位 for a meeting: opinions count
	// once after merging; units are distinct over unit forms, unit-assigned codes
	// and manual entries.
	CountOpinions(ctx context.Context, meetingID int64) (opinions int, units int, err error)
}

// SolicitationFilter selects solicitations.
type SolicitationFilter struct {
	MeetingID     *int64
	Offset, Limit int
}
