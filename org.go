package jingzi

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// OrgKind 党组织类型.
type OrgKind string

const (
	OrgCommittee     OrgKind = "committee"      // 党委
	OrgLeadGroup     OrgKind = "leadgroup"      // 党组
	OrgGeneralBranch OrgKind = "general_branch" // 党总支
	OrgBranch        OrgKind = "branch"         // 党支部
	OrgDepartment    OrgKind = "department"     // 党委工作部门（组织部、纪委）
)

// OrgKinds lists the kinds in the order a form offers them.
var OrgKinds = []OrgKind{OrgCommittee, OrgLeadGroup, OrgGeneralBranch, OrgBranch, OrgDepartment}

// Label is the Chinese name of the kind.
func (k OrgKind) Label() string {
	switch k {
	case OrgCommittee:
		return "党委"
	case OrgLeadGroup:
		return "党组"
	case OrgGeneralBranch:
		return "党总支"
	case OrgBranch:
		return "党支部"
	case OrgDepartment:
		return "工作部门"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool {
	for _, v := range OrgKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Org 党组织 is one organisation in the tree. A superior (上级) sees and supervises
// its subtree.
type Org struct {
	ID       int64
	ParentID int64 // 0 for a root
	Name     string
	Kind     OrgKind
	Position int // order among siblings
	// Path is the materialised path of ids from the root, "/1/4/9/"; it makes
	// subtree checks possible without a database.
	Path      string
	Archived  bool
	CreatedAt time.Time
	UpdatedAt time.Time

	Depth int // computed from Path, for indented listings
}

// MaxOrgNameLen is the longest org name accepted, in characters.
const MaxOrgNameLen = 100

// Validate returns an EINVALID error when the org cannot be stored.
func (o *Org) Validate() error {
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" {
		return Errorf(EINVALID, "请填写党组织名称。")
	} else if utf8.RuneCountInString(o.Name) > MaxOrgNameLen {
		return Errorf(EINVALID, "党组织名称不能超过%d个字。", MaxOrgNameLen)
	} else if !o.Kind.Valid() {
		return Errorf(EINVALID, "请选择党组织类型。")
	}
	return nil
}

// IsWithin reports whether the org is anc or one of its descendants.
func (o *Org) IsWithin(anc *Org) bool {
	return anc != nil && strings.HasPrefix(o.Path, anc.Path)
}

// PathWithin reports whether path lies in the subtree rooted at ancPath.
func PathWithin(path, ancPath string) bool {
	return ancPath != "" && strings.HasPrefix(path, ancPath)
}

// ChildPath returns the path of a child with the given id under parentPath ("" for a root).
func ChildPath(parentPath string, id int64) string {
	if parentPath == "" {
		parentPath = "/"
	}
	return parentPath + strconv.FormatInt(id, 10) + "/"
}

// PathDepth returns how deep a path is; a root has depth 0.
func PathDepth(path string) int {
	return strings.Count(path, "/") - 2
}

// OrgService 党组织管理.
type OrgService interface {
	// FindOrgByID returns ENOTFOUND when the org does not exist or the caller may not see it.
	FindOrgByID(ctx context.Context, id int64) (*Org, error)
	// FindOrgs returns the orgs the caller may see that match the filter, in tree order.
	FindOrgs(ctx context.Context, filter OrgFilter) ([]*Org, int, error)
	// CreateOrg returns EINVALID or EFORBIDDEN (no sysadmin role over the parent).
	CreateOrg(ctx context.Context, org *Org) error
	// UpdateOrg renames, reorders, moves or archives an org. Returns ENOTFOUND,
	// EFORBIDDEN, EINVALID (a move under its own subtree) or ECONFLICT.
	UpdateOrg(ctx context.Context, id int64, upd OrgUpdate) (*Org, error)
}

// OrgFilter selects orgs. Nil fields do not filter.
type OrgFilter struct {
	ID              *int64
	Within          *int64 // subtree of this org, itself included
	IncludeArchived bool
	Offset, Limit   int
}

// OrgUpdate holds the fields to change. Nil fields stay as they are.
type OrgUpdate struct {
	Name     *string
	Kind     *OrgKind
	Position *int
	ParentID *int64 // move; 0 is not allowed (a second root is made by CreateOrg)
	Archived *bool
}
