// Package smtptest runs a small SMTP server on 127.0.0.1 for tests: it speaks
// enough of RFC 5321 (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT)
// for net/smtp, keeps every accepted message and decodes it the way a mail
// reader would, so tests see what a recipient sees.
package smtptest

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"io"
	"mime"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
)

// Message is one accepted mail, decoded.
type Message struct {
	From    string   // the envelope sender
	To      []string // the envelope recipients
	TLS     bool     // whether it came after STARTTLS
	Header  mail.Header
	Subject string // decoded from RFC 2047
	Body    string // decoded from its transfer encoding, CRLF as \n
	Raw     string
}

// Config is how the server behaves towards the connections that follow.
type Config struct {
	// RefuseRcpt, when set, answers 550 to the recipients it reports true for.
	RefuseRcpt func(addr string) bool
	// User and Password, when User is set, make AUTH PLAIN required and checked.
	User, Password string
	// TLS, when set, makes the server offer STARTTLS with this configuration.
	TLS *tls.Config
}

// Server is a running test SMTP server.
type Server struct {
	Addr string

	ln   net.Listener
	mu   sync.Mutex
	cfg  Config
	msgs []Message
	wg   sync.WaitGroup
}

// Configure changes the behaviour for the connections opened after it; each
// session works on the configuration it found when it started.
func (s *Server) Configure(change func(*Config)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	change(&s.cfg)
}

func (s *Server) config() Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
}

// NewServer starts a server that stops when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() { defer s.wg.Done(); defer c.Close(); s.session(c) }()
	}
}

func (s *Server) session(c net.Conn) {
	s.converse(c, s.config(), false)
}

func (s *Server) converse(c net.Conn, cfg Config, secure bool) {
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	reply := func(lines ...string) {
		for _, l := range lines {
			w.WriteString(l + "\r\n")
		}
		w.Flush()
	}
	if !secure {
		reply("220 smtptest ESMTP")
	}
	var from string
	var to []string
	authed := cfg.User == ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO", "HELO":
			if cfg.TLS != nil && !secure {
				reply("250-smtptest", "250-STARTTLS", "250-8BITMIME", "250 AUTH PLAIN")
			} else {
				reply("250-smtptest", "250-8BITMIME", "250 AUTH PLAIN")
			}
		case "STARTTLS":
			if cfg.TLS == nil || secure {
				reply("502 5.5.1 STARTTLS not available")
				continue
			}
			reply("220 2.0.0 Ready to start TLS")
			tc := tls.Server(c, cfg.TLS)
			if tc.Handshake() != nil {
				return
			}
			s.converse(tc, cfg, true)
			return
		case "AUTH":
			authed = cfg.auth(arg)
			if authed {
				reply("235 2.7.0 Authentication successful")
			} else {
				reply("535 5.7.8 Authentication credentials invalid")
			}
		case "MAIL":
			if !authed {
				reply("530 5.7.0 Authentication required")
				continue
			}
			from, to = addrOf(arg), nil
			reply("250 OK")
		case "RCPT":
			if a := addrOf(arg); cfg.RefuseRcpt != nil && cfg.RefuseRcpt(a) {
				reply("550 5.1.1 <" + a + ">: Recipient address rejected: User unknown")
			} else {
				to = append(to, a)
				reply("250 OK")
			}
		case "DATA":
			if len(to) == 0 {
				reply("554 5.5.1 No valid recipients")
				continue
			}
			reply("354 End data with <CR><LF>.<CR><LF>")
			raw, err := readData(r)
			if err != nil {
				return
			}
			s.keep(from, to, secure, raw)
			reply("250 OK: queued")
		case "RSET":
			from, to = "", nil
			reply("250 OK")
		case "NOOP":
			reply("250 OK")
		case "QUIT":
			reply("221 Bye")
			return
		default:
			reply("502 5.5.2 Command not recognized")
		}
	}
}

// auth checks "PLAIN <base64(\x00user\x00password)>".
func (cfg Config) auth(arg string) bool {
	mech, resp, _ := strings.Cut(arg, " ")
	b, err := base64.StdEncoding.DecodeString(resp)
	if !strings.EqualFold(mech, "PLAIN") || err != nil {
		return false
	}
	parts := strings.Split(string(b), "\x00")
	return len(parts) == 3 && parts[1] == cfg.User && parts[2] == cfg.Password
}

// addrOf takes the address out of "FROM:<a@b>" or "TO:<a@b> SIZE=…".
func addrOf(arg string) string {
	_, rest, _ := strings.Cut(arg, ":")
	rest = strings.TrimSpace(rest)
	if i := strings.IndexByte(rest, '>'); strings.HasPrefix(rest, "<") && i > 0 {
		return rest[1:i]
	}
	return rest
}

// readData reads up to the lone dot and undoes dot-stuffing.
func readData(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		if line == ".\r\n" {
			return b.String(), nil
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}

func (s *Server) keep(from string, to []string, secure bool, raw string) {
	m := Message{From: from, To: to, TLS: secure, Raw: raw}
	if msg, err := mail.ReadMessage(strings.NewReader(raw)); err == nil {
		m.Header = msg.Header
		m.Subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		var body io.Reader = msg.Body
		if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "base64") {
			body = base64.NewDecoder(base64.StdEncoding, msg.Body)
		}
		b, _ := io.ReadAll(body)
		m.Body = strings.ReplaceAll(string(b), "\r\n", "\n")
	}
	s.mu.Lock()
	s.msgs = append(s.msgs, m)
	s.mu.Unlock()
}
