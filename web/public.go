package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"jingzi"
)

// The public page 匿名提意见 needs no account. Its handlers never load a session,
// never log a code, a text or an address, and answer an unknown, used or expired
// code alike. Wrong codes are rate-limited per client address in memory only.

// publicPage is the code entry form, the opinion form (Ballot set) or a notice.
type publicPage struct {
	Code    string // the code being used, carried in a hidden field
	Action  string // where the opinion form posts
	Ballot  *jingzi.Ballot
	Error   string
	Done    bool
	Entries []ballotEntry
}

// ballotEntry is one target's text box on the opinion form; ID 0 is the team.
type ballotEntry struct {
	ID     int64
	Label  string
	Text   string
	Aspect int
}

// Wrong-code budget per client address: a bucket of tryBurst, refilled at tryBurst a minute.
const (
	tryBurst      = 10
	tryRefill     = time.Minute
	tryMaxClients = 10000
)

// tryLimiter counts wrong codes per client address. It keeps nothing else and
// is never written out; the zero value is ready.
type tryLimiter struct {
	mu      sync.Mutex
	buckets map[string]*tryBucket
}

type tryBucket struct {
	tokens float64
	at     time.Time
}

// refill returns the client's bucket brought up to now.
func (l *tryLimiter) refill(key string, now time.Time) *tryBucket {
	if l.buckets == nil {
		l.buckets = map[string]*tryBucket{}
	}
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= tryMaxClients {
			l.prune(now)
		}
		b = &tryBucket{tokens: tryBurst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(tryBurst, b.tokens+now.Sub(b.at).Seconds()*tryBurst/tryRefill.Seconds())
	b.at = now
	return b
}

// prune forgets clients whose bucket is full again.
func (l *tryLimiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if now.Sub(b.at) >= tryRefill {
			delete(l.buckets, k)
		}
	}
}

// allow reports whether the client may try a code now.
func (l *tryLimiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.refill(key, now).tokens >= 1
}

// fail spends one try of the client's budget.
func (l *tryLimiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key, now)
	b.tokens = max(0, b.tokens-1)
}

const tooManyTries = "尝试次数过多，请一分钟后再试。"

// publicCode serves GET /o: the code form, or with ?code= the opinion form.
func (s *Server) publicCode(w http.ResponseWriter, r *http.Request) {
	code := strings.TrimSpace(r.URL.Query().Get("code"))
	if code == "" {
		s.renderPublic(w, r, http.StatusOK, publicPage{})
		return
	}
	b, status := s.openBallot(w, r, code, func() (*jingzi.Ballot, error) {
		return s.SolicitationService.OpenBallotByCode(r.Context(), code)
	})
	if b == nil {
		return
	}
	s.renderPublic(w, r, status, publicPage{Code: code, Action: "/o", Ballot: b, Entries: ballotEntries(b, nil)})
}

// openBallot checks the limiter, opens the ballot and renders any refusal; it
// returns nil when the page was already written.
func (s *Server) openBallot(w http.ResponseWriter, r *http.Request, code string, open func() (*jingzi.Ballot, error)) (*jingzi.Ballot, int) {
	if s.SolicitationService == nil {
		s.notFound(w, r)
		return nil, 0
	}
	ip, now := s.clientIP(r), s.Now()
	if !s.codeTries.allow(ip, now) {
		s.renderPublic(w, r, http.StatusTooManyRequests, publicPage{Code: code, Error: tooManyTries})
		return nil, 0
	}
	b, err := open()
	if err != nil {
		if jingzi.ErrorCode(err) == jingzi.ENOTFOUND {
			s.codeTries.fail(ip, now)
		}
		s.publicError(w, r, code, err)
		return nil, 0
	}
	return b, http.StatusOK
}

func (s *Server) publicError(w http.ResponseWriter, r *http.Request, code string, err error) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.Logger.Error("anonymous submission failed", "err", err) // no code, text or address
	}
	s.renderPublic(w, r, status, publicPage{Code: code, Error: jingzi.ErrorMessage(err)})
}

// submitCode serves POST /o.
func (s *Server) submitCode(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.publicError(w, r, "", err)
		return
	}
	code := strings.TrimSpace(r.PostFormValue("code"))
	s.submitBallot(w, r, code, "/o", func() (*jingzi.Ballot, error) {
		return s.SolicitationService.OpenBallotByCode(r.Context(), code)
	}, func(list []*jingzi.Opinion) error {
		return s.SolicitationService.SubmitByCode(r.Context(), code, list)
	})
}

// unitPage serves GET /u/{token}, a unit's form link.
func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	b, status := s.openBallot(w, r, "", func() (*jingzi.Ballot, error) {
		return s.SolicitationService.OpenBallotByUnit(r.Context(), token)
	})
	if b == nil {
		return
	}
	s.renderPublic(w, r, status, publicPage{Action: "/u/" + token, Ballot: b, Entries: ballotEntries(b, nil)})
}

// submitUnit serves POST /u/{token}.
func (s *Server) submitUnit(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.publicError(w, r, "", err)
		return
	}
	token := r.PathValue("token")
	s.submitBallot(w, r, "", "/u/"+token, func() (*jingzi.Ballot, error) {
		return s.SolicitationService.OpenBallotByUnit(r.Context(), token)
	}, func(list []*jingzi.Opinion) error {
		return s.SolicitationService.SubmitByUnit(r.Context(), token, list)
	})
}

// submitBallot reads the form's opinions and submits them; a mistake in the
// texts shows the form again with what was typed, anything else the same refusal.
func (s *Server) submitBallot(w http.ResponseWriter, r *http.Request, code, action string,
	open func() (*jingzi.Ballot, error), submit func([]*jingzi.Opinion) error) {
	if s.SolicitationService == nil {
		s.notFound(w, r)
		return
	}
	ip, now := s.clientIP(r), s.Now()
	if !s.codeTries.allow(ip, now) {
		s.renderPublic(w, r, http.StatusTooManyRequests, publicPage{Code: code, Error: tooManyTries})
		return
	}
	// The service checks the code, the targets and the aspects in the same
	// transaction that redeems the code; the ballot is read again only to show
	// the form with what was typed when it refuses the text.
	err := submit(postedOpinions(r))
	if jingzi.ErrorCode(err) == jingzi.EINVALID {
		b, _ := s.openBallot(w, r, code, open)
		if b == nil {
			return
		}
		s.renderPublic(w, r, http.StatusBadRequest, publicPage{Code: code, Action: action, Ballot: b, Entries: ballotEntries(b, r), Error: jingzi.ErrorMessage(err)})
		return
	} else if err != nil {
		if jingzi.ErrorCode(err) == jingzi.ENOTFOUND {
			s.codeTries.fail(ip, now)
		}
		s.publicError(w, r, code, err)
		return
	}
	http.Redirect(w, r, "/o/done", http.StatusSeeOther)
}

// postedOpinions reads text_{id} and aspect_{id} (id 0 for the team) from the
// form, in the order of the ids.
func postedOpinions(r *http.Request) []*jingzi.Opinion {
	r.ParseForm() // a body the limit cut short leaves no opinions, which the service refuses
	var out []*jingzi.Opinion
	for key, vals := range r.PostForm {
		idText, ok := strings.CutPrefix(key, "text_")
		id, err := strconv.ParseInt(idText, 10, 64)
		if !ok || err != nil || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		aspect := -1
		if a, err := strconv.Atoi(r.PostFormValue("aspect_" + idText)); err == nil {
			aspect = a
		}
		out = append(out, &jingzi.Opinion{ParticipantID: id, AspectIndex: aspect, Text: vals[0]})
	}
	slices.SortFunc(out, func(a, b *jingzi.Opinion) int { return cmp.Compare(a.ParticipantID, b.ParticipantID) })
	return out
}

// ballotEntries makes one entry per target, filled from the posted form when r is set.
func ballotEntries(b *jingzi.Ballot, r *http.Request) []ballotEntry {
	out := []ballotEntry{{ID: 0, Label: "对领导班子的意见建议", Aspect: -1}}
	for _, p := range b.Participants {
		label := "对" + p.Name + "同志的意见建议"
		if p.Title != "" {
			label = "对" + p.Name + "（" + p.Title + "）同志的意见建议"
		}
		out = append(out, ballotEntry{ID: p.ID, Label: label, Aspect: -1})
	}
	if r == nil {
		return out
	}
	for i := range out {
		key := strconv.FormatInt(out[i].ID, 10)
		out[i].Text = r.PostFormValue("text_" + key)
		if a, err := strconv.Atoi(r.PostFormValue("aspect_" + key)); err == nil {
			out[i].Aspect = a
		}
	}
	return out
}

// publicDone serves GET /o/done: thanks, and nothing about what was sent.
func (s *Server) publicDone(w http.ResponseWriter, r *http.Request) {
	s.renderPublic(w, r, http.StatusOK, publicPage{Done: true})
}

func (s *Server) renderPublic(w http.ResponseWriter, r *http.Request, status int, p publicPage) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, status, "public", "征求意见", p)
}
