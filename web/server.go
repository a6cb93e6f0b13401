// Package web is the browser interface of jingzi: routes on a stdlib http.ServeMux,
// middleware for sessions and security headers, html/template pages parsed once at
// start-up and static files embedded in the binary. It talks to the domain only
// through the service interfaces of package jingzi.
package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"jingzi"
)

// DefaultMaxBodyBytes limits form bodies when Server.MaxBodyBytes is zero.
const DefaultMaxBodyBytes = 1 << 20

// Server 网页服务 serves the jingzi web interface. Set the services and options on the
// value returned by NewServer, then call Handler or Open.
type Server struct {
	OrgService     jingzi.OrgService
	UserService    jingzi.UserService
	AuditService   jingzi.AuditService
	AuthService    jingzi.AuthService
	MeetingService jingzi.MeetingService
	ProgressSource jingzi.ProgressSource // numbers of the phase strip beyond the plan; nil shows "—"
	// Statements (对照检查材料), their import and export, and the frameworks.
	StatementService jingzi.StatementService
	DocumentService  jingzi.DocumentService
	FrameworkService jingzi.FrameworkService
	// The 材料质量检查 shown in the editor, and the 查重 templates organisers
	// upload. Either may be nil: the pages then say the check is unavailable.
	CheckService  jingzi.CheckService
	CorpusService jingzi.CorpusService
	// CountService fills the preface numbers from the records; nil leaves them as entered.
	CountService jingzi.CountService
	// StudyService 学习研讨 with its uploaded materials.
	StudyService jingzi.StudyService
	// SolicitationService 征求意见 and OpinionService 意见建议; nil shows the phase as coming soon.
	SolicitationService jingzi.SolicitationService
	OpinionService      jingzi.OpinionService
	codeTries           tryLimiter // wrong 匿名码 per client address, in memory only
	// TalkService 谈心谈话; nil shows the talks phase as coming soon.
	TalkService jingzi.TalkService
	// ReviewService 审阅审核 and NotificationService 站内通知; nil hides the review panel and the notifications.
	ReviewService       jingzi.ReviewService
	NotificationService jingzi.NotificationService
	SupervisionService  jingzi.SupervisionService // 督导一览; nil shows /supervision as coming soon
	// MinutesService 会议记录 (相互批评, 督导组点评); nil leaves them out.
	MinutesService jingzi.MinutesService
	// LedgerService 整改台账; nil shows the 整改 phase as coming soon.
	LedgerService jingzi.LedgerService
	// ArchiveService 归档; nil shows the 归档 phase as coming soon.
	ArchiveService jingzi.ArchiveService

	Now               func() time.Time
	Logger            *slog.Logger
	SecureCookies     bool  // TLS is on: cookies get the Secure flag
	MaxBodyBytes      int64 // request body limit; DefaultMaxBodyBytes when 0
	TrustProxyHeaders bool  // take the client IP from X-Forwarded-For

	pages   *pages
	assets  *assets
	once    sync.Once
	handler http.Handler

	mu       sync.Mutex
	listener net.Listener
	server   *http.Server
}

// NewServer returns a server with the templates and static files loaded. It
// panics only if the embedded templates are broken, which the tests catch.
func NewServer() *Server {
	a := mustLoadAssets()
	return &Server{
		Now:          time.Now,
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		MaxBodyBytes: DefaultMaxBodyBytes,
		assets:       a,
		pages:        mustParsePages(a),
	}
}

// Handler returns the root handler with every middleware applied. It is built on
// first use, so fields set before that call take effect.
func (s *Server) Handler() http.Handler {
	s.once.Do(func() {
		if s.MaxBodyBytes <= 0 {
			s.MaxBodyBytes = DefaultMaxBodyBytes
		}
		if s.Now == nil {
			s.Now = time.Now
		}
		if s.Logger == nil {
			s.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		}
		s.handler = s.middleware(s.routes())
	})
	return s.handler
}

// Open listens on addr ("127.0.0.1:0" picks a free port) and serves in the
// background. Addr reports the bound address afterwards.
func (s *Server) Open(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	s.mu.Lock()
	s.listener, s.server = ln, srv
	s.mu.Unlock()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Logger.Error("web server stopped", "err", err)
		}
	}()
	return nil
}

// Addr returns the address the server listens on, or "" before Open.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		return ""
	}
	return s.listener.Addr().String()
}

// URL returns the base URL of the running server, e.g. "http://127.0.0.1:41234".
// Open serves plain HTTP; TLS, when used, is terminated in front of it.
func (s *Server) URL() string {
	return "http://" + s.Addr()
}

// Close stops accepting connections and waits up to ten seconds for requests in
// flight to finish.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.server
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(ctx)
}
