package jingzi

// Role 角色. A role is held at an org. Organisers, reviewers, admins and auditors
// cover that org's whole subtree; a participant acts only at the org itself.
type Role string

const (
	RoleSysadmin    Role = "sysadmin"    // 系统管理员：账号、组织与系统设置
	RoleAuditor     Role = "auditor"     // 安全审计员：只读审计日志
	RoleSecadmin    Role = "secadmin"    // 安全保密管理员：安全策略、账号解锁
	RoleOrganizer   Role = "organizer"   // 党办组织者
	RoleParticipant Role = "participant" // 班子成员
	RoleReviewer    Role = "reviewer"    // 上级组织部、纪委、督导组
)

// Roles lists every role in display order.
var Roles = []Role{RoleOrganizer, RoleParticipant, RoleReviewer, RoleSysadmin, RoleSecadmin, RoleAuditor}

// Label is the Chinese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleSysadmin:
		return "系统管理员"
	case RoleAuditor:
		return "安全审计员"
	case RoleSecadmin:
		return "安全保密管理员"
	case RoleOrganizer:
		return "党办组织者"
	case RoleParticipant:
		return "班子成员"
	case RoleReviewer:
		return "上级审核人"
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// CoversSubtree reports whether the role reaches the descendants of the org where it is held.
func (r Role) CoversSubtree() bool { return r != RoleParticipant }

// Grant 授权 is a role held at an org.
type Grant struct {
	Role    Role
	OrgID   int64
	OrgPath string // the org's Path, loaded with the grant
	OrgName string
}

// Covers reports whether the grant reaches an org with the given path.
func (g Grant) Covers(path string) bool {
	if g.Role.CoversSubtree() {
		return PathWithin(path, g.OrgPath)
	}
	return path == g.OrgPath
}
