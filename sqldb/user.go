package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jingzi"
)

// UserService implements jingzi.UserService.
type UserService struct{ db *DB }

// NewUserService returns the account service.
func NewUserService(db *DB) *UserService { return &UserService{db: db} }

var (
	errUserNotFound  = jingzi.Errorf(jingzi.ENOTFOUND, "账号不存在或您无权查看。")
	errUserForbidden = jingzi.Errorf(jingzi.EFORBIDDEN, "您无权管理该账号。")
)

// canSeeUser: an administrator over the user's org, or the user themself.
func canSeeUser(ctx context.Context, u *jingzi.User, orgPath string) bool {
	if me := jingzi.UserFromContext(ctx); me != nil && me.ID == u.ID {
		return true
	}
	return jingzi.CanManageUsersAt(ctx, orgPath)
}

// FindUserByID returns the account if the caller administers it or is it.
func (s *UserService) FindUserByID(ctx context.Context, id int64) (*jingzi.User, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, path, err := findUser(tx, "u.id = ?", id)
	if err != nil {
		return nil, err
	} else if !canSeeUser(ctx, u, path) {
		return nil, errUserNotFound
	}
	return u, nil
}

// FindUserByLogin is for the command line: it needs the system actor.
func (s *UserService) FindUserByLogin(ctx context.Context, login string) (*jingzi.User, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, path, err := findUser(tx, "u.login = ?", jingzi.NormalizeLogin(login))
	if err != nil {
		return nil, err
	} else if !canSeeUser(ctx, u, path) {
		return nil, errUserNotFound
	}
	return u, nil
}

// FindUsers lists the accounts the caller administers.
func (s *UserService) FindUsers(ctx context.Context, f jingzi.UserFilter) ([]*jingzi.User, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if v := f.OrgID; v != nil {
		where, args = append(where, "u.org_id = ?"), append(args, *v)
	}
	if v := f.Within; v != nil {
		root, err := findOrgByID(tx, *v)
		if err != nil {
			return nil, 0, err
		}
		where, args = append(where, "o.path LIKE ?"), append(args, root.Path+"%")
	}
	users, paths, err := findUsers(tx, strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, 0, err
	}
	var out []*jingzi.User
	for i, u := range users {
		if jingzi.CanManageUsersAt(ctx, paths[i]) {
			out = append(out, u)
		}
	}
	return page(out, f.Offset, f.Limit), len(out), nil
}

// CreateUser stores a new account with its grants.
func (s *UserService) CreateUser(ctx context.Context, u *jingzi.User, password string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.createUser(tx, u, password); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *UserService) createUser(tx *Tx, u *jingzi.User, password string) error {
	policy, err := findSecurityPolicy(tx)
	if err != nil {
		return err
	} else if err := jingzi.ValidatePassword(policy, password); err != nil {
		return err
	}
	org, err := findOrgByID(tx, u.OrgID)
	if err != nil {
		return err
	} else if !jingzi.CanManageUsersAt(tx.ctx, org.Path) {
		return errUserForbidden
	}
	if err := checkGrants(tx, u.Grants); err != nil {
		return err
	}
	hash, err := s.db.Hasher.Hash(password)
	if err != nil {
		return err
	}
	u.CreatedAt, u.UpdatedAt = tx.now, tx.now
	u.ID, err = tx.insert(`INSERT INTO users (login, name, title, email, org_id, password_hash, must_change_password, disabled, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.Login, u.Name, u.Title, emailValue(u.Email), u.OrgID, hash, u.MustChangePassword, u.Disabled, tx.now, tx.now)
	if isUniqueViolation(err) {
		return jingzi.Errorf(jingzi.ECONFLICT, "登录名“%s”已被使用，请换一个。", u.Login)
	} else if err != nil {
		return fmt.Errorf("insert user: %w", err)
	}
	if err := replaceGrants(tx, u); err != nil {
		return err
	}
	return audit(tx, "user.create", "user", u.ID, u.OrgID, u.Login+" "+strings.Join(u.RoleLabels(), "、"))
}

// checkGrants makes sure the caller administers every org a grant names; it also
// fills each grant's org path and name.
func checkGrants(tx *Tx, grants []jingzi.Grant) error {
	for i, g := range grants {
		org, err := findOrgByID(tx, g.OrgID)
		if err != nil {
			return err
		} else if !jingzi.CanManageUsersAt(tx.ctx, org.Path) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "您无权在“%s”授予角色。", org.Name)
		}
		grants[i].OrgPath, grants[i].OrgName = org.Path, org.Name
	}
	return nil
}

func replaceGrants(tx *Tx, u *jingzi.User) error {
	if _, err := tx.exec(`DELETE FROM grants WHERE user_id = ?`, u.ID); err != nil {
		return fmt.Errorf("clear grants: %w", err)
	}
	seen := map[jingzi.Grant]bool{}
	for _, g := range u.Grants {
		key := jingzi.Grant{Role: g.Role, OrgID: g.OrgID}
		if seen[key] {
			continue
		}
		seen[key] = true
		if _, err := tx.exec(`INSERT INTO grants (user_id, role, org_id) VALUES (?, ?, ?)`, u.ID, string(g.Role), g.OrgID); err != nil {
			return fmt.Errorf("insert grant: %w", err)
		}
	}
	return nil
}

// UpdateUser changes name, title, org, grants or the disabled flag.
func (s *UserService) UpdateUser(ctx context.Context, id int64, upd jingzi.UserUpdate) (*jingzi.User, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, path, err := findUser(tx, "u.id = ?", id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanManageUsersAt(ctx, path) {
		if canSeeUser(ctx, u, path) {
			return nil, errUserForbidden
		}
		return nil, errUserNotFound
	}
	if err := applyUserUpdate(tx, u, upd); err != nil {
		return nil, err
	}
	return u, tx.Commit()
}

func applyUserUpdate(tx *Tx, u *jingzi.User, upd jingzi.UserUpdate) error {
	var changes []string
	if v := upd.Name; v != nil {
		u.Name = *v
	}
	if v := upd.Title; v != nil {
		u.Title = *v
	}
	if v := upd.Email; v != nil && strings.TrimSpace(*v) != u.Email {
		u.Email = *v
		changes = append(changes, "电子邮箱："+emailLabel(strings.TrimSpace(*v)))
	}
	if v := upd.OrgID; v != nil && *v != u.OrgID {
		org, err := findOrgByID(tx, *v)
		if err != nil {
			return err
		} else if !jingzi.CanManageUsersAt(tx.ctx, org.Path) {
			return errUserForbidden
		}
		u.OrgID, u.OrgName = org.ID, org.Name
		changes = append(changes, "所在党组织："+org.Name)
	}
	if v := upd.Disabled; v != nil && *v != u.Disabled {
		u.Disabled = *v
		changes = append(changes, map[bool]string{true: "停用", false: "启用"}[*v])
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if v := upd.Grants; v != nil {
		if err := checkGrants(tx, *v); err != nil {
			return err
		}
		u.Grants = *v
		if err := replaceGrants(tx, u); err != nil {
			return err
		}
		changes = append(changes, "角色："+strings.Join(u.RoleLabels(), "、"))
	}
	u.UpdatedAt = tx.now
	if _, err := tx.exec(`UPDATE users SET name = ?, title = ?, email = ?, org_id = ?, disabled = ?, updated_at = ? WHERE id = ?`,
		u.Name, u.Title, emailValue(u.Email), u.OrgID, u.Disabled, tx.now, u.ID); err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	if u.Disabled {
		if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
	}
	return audit(tx, "user.update", "user", u.ID, u.OrgID, strings.Join(changes, "；"))
}

// ResetPassword sets a password chosen by an administrator; the user must change
// it at the next login and every session of theirs ends.
func (s *UserService) ResetPassword(ctx context.Context, id int64, password string) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	u, path, err := findUser(tx, "u.id = ?", id)
	if err != nil {
		return err
	} else if !jingzi.CanManageUsersAt(ctx, path) {
		return errUserNotFound
	}
	if err := setPassword(tx, u, password, true); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
		return err
	}
	if err := audit(tx, "user.password_reset", "user", u.ID, u.OrgID, u.Login); err != nil {
		return err
	}
	return tx.Commit()
}

// ChangePassword is the caller changing their own password.
func (s *UserService) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	me := jingzi.UserFromContext(ctx)
	if me == nil {
		return jingzi.Errorf(jingzi.EUNAUTHORIZED, "请先登录。")
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var hash string
	if err := tx.queryRow(`SELECT password_hash FROM users WHERE id = ?`, me.ID).Scan(&hash); err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if !s.db.Hasher.Verify(hash, oldPassword) {
		return jingzi.Errorf(jingzi.EINVALID, "原密码不正确。")
	} else if oldPassword == newPassword {
		return jingzi.Errorf(jingzi.EINVALID, "新密码不能与原密码相同。")
	}
	if err := setPassword(tx, me, newPassword, false); err != nil {
		return err
	}
	me.MustChangePassword = false
	if err := audit(tx, "user.password_change", "user", me.ID, me.OrgID, ""); err != nil {
		return err
	}
	return tx.Commit()
}

// ChangeEmail is the caller setting or clearing their own email address.
func (s *UserService) ChangeEmail(ctx context.Context, email string) error {
	me := jingzi.UserFromContext(ctx)
	if me == nil {
		return jingzi.Errorf(jingzi.EUNAUTHORIZED, "请先登录。")
	}
	email = strings.TrimSpace(email)
	if err := jingzi.ValidateEmail(email); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(`UPDATE users SET email = ?, updated_at = ? WHERE id = ?`, emailValue(email), tx.now, me.ID); err != nil {
		return fmt.Errorf("change email: %w", err)
	}
	if err := audit(tx, "user.email_change", "user", me.ID, me.OrgID, "电子邮箱："+emailLabel(email)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	me.Email = email
	return nil
}

// emailValue stores an empty address as NULL: the column means "has an address".
func emailValue(email string) any {
	if email == "" {
		return nil
	}
	return email
}

func emailLabel(email string) string {
	if email == "" {
		return "（已清除）"
	}
	return email
}

func setPassword(tx *Tx, u *jingzi.User, password string, mustChange bool) error {
	policy, err := findSecurityPolicy(tx)
	if err != nil {
		return err
	} else if err := jingzi.ValidatePassword(policy, password); err != nil {
		return err
	}
	hash, err := tx.db.Hasher.Hash(password)
	if err != nil {
		return err
	}
	_, err = tx.exec(`UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?`,
		hash, mustChange, tx.now, u.ID)
	return err
}

const userColumns = `u.id, u.login, u.name, u.title, COALESCE(u.email, ''), u.org_id, o.name, o.path, u.must_change_password, u.disabled, u.created_at, u.updated_at`

// findUser returns one user with grants and the path of the user's org.
func findUser(tx *Tx, cond string, args ...any) (*jingzi.User, string, error) {
	users, paths, err := findUsers(tx, cond, args...)
	if err != nil {
		return nil, "", err
	} else if len(users) == 0 {
		return nil, "", errUserNotFound
	}
	return users[0], paths[0], nil
}

func findUsers(tx *Tx, cond string, args ...any) ([]*jingzi.User, []string, error) {
	rows, err := tx.query(`SELECT `+userColumns+` FROM users u JOIN orgs o ON o.id = u.org_id WHERE `+cond+` ORDER BY o.path, u.id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("find users: %w", err)
	}
	defer rows.Close()
	var users []*jingzi.User
	var paths []string
	for rows.Next() {
		u, path := &jingzi.User{}, ""
		if err := rows.Scan(&u.ID, &u.Login, &u.Name, &u.Title, &u.Email, &u.OrgID, &u.OrgName, &path, &u.MustChangePassword,
			&u.Disabled, &u.CreatedAt, &u.UpdatedAt); err != nil {
			return nil, nil, err
		}
		users, paths = append(users, u), append(paths, path)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	for _, u := range users {
		if u.Grants, err = findGrants(tx, u.ID); err != nil {
			return nil, nil, err
		}
	}
	return users, paths, nil
}

func findGrants(tx *Tx, userID int64) ([]jingzi.Grant, error) {
	rows, err := tx.query(`SELECT g.role, g.org_id, o.path, o.name FROM grants g JOIN orgs o ON o.id = g.org_id
		WHERE g.user_id = ? AND o.archived = FALSE ORDER BY o.path, g.role`, userID)
	if err != nil {
		return nil, fmt.Errorf("find grants: %w", err)
	}
	defer rows.Close()
	var out []jingzi.Grant
	for rows.Next() {
		var g jingzi.Grant
		var role string
		if err := rows.Scan(&role, &g.OrgID, &g.OrgPath, &g.OrgName); err != nil {
			return nil, err
		}
		g.Role = jingzi.Role(role)
		out = append(out, g)
	}
	return out, rows.Err()
}

// userByLogin is used by authentication: no permission check, hash included.
func userByLogin(tx *Tx, login string) (*jingzi.User, string, error) {
	u, _, err := findUser(tx, "u.login = ?", login)
	if errors.Is(err, errUserNotFound) {
		return nil, "", err
	} else if err != nil {
		return nil, "", err
	}
	var hash string
	if err := tx.queryRow(`SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, "", err
	}
	return u, hash, nil
}
