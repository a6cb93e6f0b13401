package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"jingzi"
)

// AuthService implements jingzi.AuthService: passwords, lockout, sessions and the
// security policy.
type AuthService struct{ db *DB }

// NewAuthService returns the authentication service.
func NewAuthService(db *DB) *AuthService { return &AuthService{db: db} }

var errBadLogin = jingzi.Errorf(jingzi.EUNAUTHORIZED, "登录名或密码错误。")

// Authenticate checks the password and keeps the failure counter per normalised
// login, whether or not the account exists, so that neither case, width nor
// white space escapes the lock and the lock reveals nothing about existence.
func (s *AuthService) Authenticate(ctx context.Context, login, password string) (*jingzi.User, error) {
	login = jingzi.NormalizeLogin(login)
	rtx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	policy, err := findSecurityPolicy(rtx)
	if err != nil {
		rtx.Rollback()
		return nil, err
	}
	if until, locked, err := lockedUntil(rtx, login); err != nil {
		rtx.Rollback()
		return nil, err
	} else if locked {
		rtx.Rollback()
		return nil, lockedError(until, rtx.now)
	}
	u, hash, err := userByLogin(rtx, login)
	rtx.Rollback()
	if err != nil && !errors.Is(err, errUserNotFound) {
		return nil, err
	}
	if u == nil {
		hash = dummyHash
	}
	ok := s.db.Hasher.Verify(hash, password) && u != nil
	if ok && u.Disabled {
		return nil, jingzi.Errorf(jingzi.EUNAUTHORIZED, "该账号已停用，请联系系统管理员。")
	}
	return u, s.recordAttempt(ctx, login, ok, policy)
}

// recordAttempt clears the counter after a success, or counts a failure and
// locks the login when the policy's limit is reached.
func (s *AuthService) recordAttempt(ctx context.Context, login string, ok bool, p jingzi.SecurityPolicy) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ok {
		if _, err := tx.exec(`DELETE FROM login_attempts WHERE login = ?`, login); err != nil {
			return err
		}
		return tx.Commit()
	}
	var failures int
	err = tx.queryRow(`SELECT failures FROM login_attempts WHERE login = ?`, login).Scan(&failures)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.exec(`INSERT INTO login_attempts (login, failures) VALUES (?, 0)`, login)
	}
	if err != nil {
		return fmt.Errorf("login attempts: %w", err)
	}
	failures++
	if failures < p.MaxFailedLogins {
		if _, err := tx.exec(`UPDATE login_attempts SET failures = ? WHERE login = ?`, failures, login); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		return errBadLogin
	}
	until := tx.now.Add(p.LockoutDuration)
	if _, err := tx.exec(`UPDATE login_attempts SET failures = 0, locked_until = ? WHERE login = ?`, until, login); err != nil {
		return err
	}
	if err := appendAudit(tx, &jingzi.AuditEntry{ActorName: "登录名：" + login, Action: "user.lock", ObjectType: "login",
		Outcome: jingzi.OutcomeSuccess, Detail: fmt.Sprintf("连续%d次登录失败，锁定至%s", p.MaxFailedLogins, until.Local().Format("2006-01-02 15:04"))}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return lockedError(until, tx.now)
}

func lockedUntil(tx *Tx, login string) (time.Time, bool, error) {
	var until sql.NullTime
	err := tx.queryRow(`SELECT locked_until FROM login_attempts WHERE login = ?`, login).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	} else if err != nil {
		return time.Time{}, false, fmt.Errorf("login lock: %w", err)
	}
	return until.Time, until.Valid && until.Time.After(tx.now), nil
}

func lockedError(until, now time.Time) error {
	minutes := int(math.Ceil(until.Sub(now).Minutes()))
	return jingzi.Errorf(jingzi.ELOCKED, "连续登录失败次数过多，账号已锁定，请%d分钟后再试，或联系安全保密管理员解锁。", minutes)
}

// Unlock clears the lock of a login.
func (s *AuthService) Unlock(ctx context.Context, login string) error {
	if !jingzi.CanManageSecurity(ctx) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有安全保密管理员可以解锁账号。")
	}
	login = jingzi.NormalizeLogin(login)
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(`DELETE FROM login_attempts WHERE login = ?`, login)
	if err != nil {
		return err
	} else if n, _ := res.RowsAffected(); n == 0 {
		return jingzi.Errorf(jingzi.ENOTFOUND, "登录名“%s”当前没有被锁定。", login)
	}
	if err := audit(tx, "user.unlock", "login", 0, 0, login); err != nil {
		return err
	}
	return tx.Commit()
}

// CreateSession starts a session with a fresh random token.
func (s *AuthService) CreateSession(ctx context.Context, userID, orgID int64) (*jingzi.Session, error) {
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(buf)
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.exec(`INSERT INTO sessions (token_hash, user_id, org_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`,
		hashToken(token), userID, orgID, tx.now, tx.now); err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return &jingzi.Session{Token: token, UserID: userID, OrgID: orgID, CreatedAt: tx.now, LastSeenAt: tx.now}, nil
}

var errNoSession = jingzi.Errorf(jingzi.EUNAUTHORIZED, "登录已超时或已退出，请重新登录。")

// FindSession returns the session with its user, ending it when it has been idle
// longer than the policy allows. It reads on the reader pool and takes the writer
// only to end a session or refresh its last-seen time.
func (s *AuthService) FindSession(ctx context.Context, token string) (*jingzi.Session, error) {
	if token == "" {
		return nil, errNoSession
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	sess := &jingzi.Session{Token: token}
	err = tx.queryRow(`SELECT user_id, org_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?`, hashToken(token)).
		Scan(&sess.UserID, &sess.OrgID, &sess.CreatedAt, &sess.LastSeenAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoSession
	} else if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	policy, err := findSecurityPolicy(tx)
	if err != nil {
		return nil, err
	}
	if tx.now.Sub(sess.LastSeenAt) > policy.IdleTimeout {
		tx.Rollback()
		if err := s.DeleteSession(ctx, token); err != nil {
			return nil, err
		}
		return nil, errNoSession
	}
	if sess.User, _, err = findUser(tx, "u.id = ?", sess.UserID); err != nil || sess.User.Disabled {
		return nil, errNoSession
	}
	tx.Rollback()
	// Refresh at most every 30 seconds, so that a page with many requests writes once.
	if now := s.db.Now().UTC(); now.Sub(sess.LastSeenAt) > 30*time.Second {
		if err := s.touchSession(ctx, token); err != nil {
			return nil, err
		}
		sess.LastSeenAt = now
	}
	return sess, nil
}

func (s *AuthService) touchSession(ctx context.Context, token string) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, tx.now, hashToken(token)); err != nil {
		return err
	}
	return tx.Commit()
}

// SetSessionOrg changes the working org of a session.
func (s *AuthService) SetSessionOrg(ctx context.Context, token string, orgID int64) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	org, err := findOrgByID(tx, orgID)
	if err != nil {
		return err
	} else if !jingzi.CanUseOrg(ctx, org) {
		return errOrgNotFound
	}
	if _, err := tx.exec(`UPDATE sessions SET org_id = ? WHERE token_hash = ?`, orgID, hashToken(token)); err != nil {
		return err
	}
	return tx.Commit()
}

// DeleteSession ends a session (logout).
func (s *AuthService) DeleteSession(ctx context.Context, token string) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(`DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
		return err
	}
	return tx.Commit()
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// policyJSON is the stored form of the policy, durations in minutes.
type policyJSON struct {
	MaxFailedLogins    int `json:"max_failed_logins"`
	LockoutMinutes     int `json:"lockout_minutes"`
	IdleMinutes        int `json:"idle_minutes"`
	MinPasswordLen     int `json:"min_password_len"`
	MinPasswordClasses int `json:"min_password_classes"`
}

func findSecurityPolicy(tx *Tx) (jingzi.SecurityPolicy, error) {
	var raw string
	err := tx.queryRow(`SELECT value FROM settings WHERE key = 'security_policy'`).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return jingzi.DefaultSecurityPolicy(), nil
	} else if err != nil {
		return jingzi.SecurityPolicy{}, fmt.Errorf("security policy: %w", err)
	}
	var pj policyJSON
	if err := json.Unmarshal([]byte(raw), &pj); err != nil {
		return jingzi.SecurityPolicy{}, fmt.Errorf("security policy: %w", err)
	}
	return jingzi.SecurityPolicy{MaxFailedLogins: pj.MaxFailedLogins, LockoutDuration: time.Duration(pj.LockoutMinutes) * time.Minute,
		IdleTimeout: time.Duration(pj.IdleMinutes) * time.Minute, MinPasswordLen: pj.MinPasswordLen, MinPasswordClasses: pj.MinPasswordClasses}, nil
}

// FindSecurityPolicy returns the policy in force.
func (s *AuthService) FindSecurityPolicy(ctx context.Context) (jingzi.SecurityPolicy, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return jingzi.SecurityPolicy{}, err
	}
	defer tx.Rollback()
	return findSecurityPolicy(tx)
}

// UpdateSecurityPolicy stores a new policy (security administrator only).
func (s *AuthService) UpdateSecurityPolicy(ctx context.Context, p jingzi.SecurityPolicy) error {
	if !jingzi.CanManageSecurity(ctx) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有安全保密管理员可以修改安全策略。")
	} else if err := p.Validate(); err != nil {
		return err
	}
	raw, _ := json.Marshal(policyJSON{p.MaxFailedLogins, int(p.LockoutDuration.Minutes()), int(p.IdleTimeout.Minutes()),
		p.MinPasswordLen, p.MinPasswordClasses})
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(`DELETE FROM settings WHERE key = 'security_policy'`); err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO settings (key, value) VALUES ('security_policy', ?)`, string(raw)); err != nil {
		return err
	}
	if err := audit(tx, "security.policy_update", "settings", 0, 0, string(raw)); err != nil {
		return err
	}
	return tx.Commit()
}
