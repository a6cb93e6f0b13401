package mail_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"jingzi/mail"
	"jingzi/mail/smtptest"
)

// selfSigned returns a server certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// A server that offers STARTTLS gets the login and the message only inside
// TLS, and a certificate the mailer does not trust stops it before the login.
func TestSendStartTLS(t *testing.T) {
	cert, pool := selfSigned(t)
	srv := smtptest.NewServer(t)
	srv.Configure(func(c *smtptest.Config) {
		c.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
		c.User, c.Password = "dangban", "s3cret"
	})
	m := &mail.Mailer{Addr: srv.Addr, From: "jingzi@mzj.jiangcheng.gov.cn", User: "dangban", Password: "s3cret", RequireTLS: true,
		TLSConfig: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}}
	if err := m.Send(t.Context(), []string{"lihm@mzj.jiangcheng.gov.cn"}, subject, body); err != nil {
		t.Fatal(err)
	}
	if msgs := srv.Messages(); len(msgs) != 1 || !msgs[0].TLS || msgs[0].Subject != subject {
		t.Fatalf("messages: %+v", msgs)
	}
	m.TLSConfig = nil // the system roots do not know this certificate
	if err := m.Send(t.Context(), []string{"lihm@mzj.jiangcheng.gov.cn"}, subject, body); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("untrusted certificate: %v", err)
	}
	plain := smtptest.NewServer(t)
	m.Addr = plain.Addr
	if err := m.Send(t.Context(), []string{"lihm@mzj.jiangcheng.gov.cn"}, subject, body); err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Errorf("RequireTLS without STARTTLS: %v", err)
	}
	if n := len(srv.Messages()) + len(plain.Messages()); n != 1 {
		t.Errorf("%d messages in all, want only the first", n)
	}
}
